package se.lefileka.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import se.lefileka.personnummer.InvalidPersonnummerException;
import se.lefileka.personnummer.Personnummer;

/**
 * Checks a query as written by a user and turns it into an {@link OnlineQuery}, applying every
 * rule FK applies (CONTRACT.md, "LEFI online query"), so that no bad query reaches FK.
 */
public class QueryValidator {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_PERIOD_MONTHS = 24;
    private static final int MAX_MONTHS_AHEAD = 12;

    private final Clock clock;
    private final String defaultPurpose;

    public QueryValidator(Clock clock, String defaultPurpose) {
        this.clock = clock;
        this.defaultPurpose = defaultPurpose;
    }

    /** The request id the user gave, if it is usable as one, else a new one. */
    public String requestIdOf(JsonNode query) {
        JsonNode id = query == null ? null : query.get("requestId");
        if (id != null && id.isTextual() && REQUEST_ID.matcher(id.asText()).matches()) {
            return id.asText();
        }
        return UUID.randomUUID().toString();
    }

    /**
     * @param requestId the id this query is answered under: {@link #requestIdOf} of the same query
     * @throws InvalidQueryException naming the first field that breaks a rule
     */
    public OnlineQuery validate(JsonNode query, String requestId) {
        if (query == null || !query.isObject()) {
            throw new InvalidQueryException("query", "must be a JSON object");
        }
        LocalDate today = today();
        checkRequestId(query);
        String personnummer = personnummer(query, today);
        List<String> benefits = benefits(query);
        LocalDate from = date(query, "from");
        LocalDate to = date(query, "to");
        if (from.isAfter(to)) {
            throw new InvalidQueryException("from", "is after to");
        }
        if (to.isAfter(from.plusMonths(MAX_PERIOD_MONTHS).minusDays(1))) {
            throw new InvalidQueryException("to", "makes the period longer than " + MAX_PERIOD_MONTHS + " months");
        }
        if (to.isAfter(today.plusMonths(MAX_MONTHS_AHEAD))) {
            throw new InvalidQueryException("to", "is more than " + MAX_MONTHS_AHEAD + " months ahead");
        }
        return new OnlineQuery(requestId, personnummer, benefits, from, to, purpose(query));
    }

    /**
     * The checks a query and a LEKA subscription command share: the request id, the 12-digit
     * personnummer, and the benefit codes.
     *
     * @throws InvalidQueryException naming the field that breaks a rule
     */
    public static void checkRequestId(JsonNode query) {
        JsonNode id = query.get("requestId");
        if (id != null && !id.isNull() && !(id.isTextual() && REQUEST_ID.matcher(id.asText()).matches())) {
            throw new InvalidQueryException("requestId",
                    "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** @see #checkRequestId(JsonNode) */
    public String personnummer(JsonNode query) {
        return personnummer(query, today());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(STOCKHOLM));
    }

    private static String personnummer(JsonNode query, LocalDate today) {
        JsonNode value = query.get("personnummer");
        if (value == null || value.isNull()) {
            throw new InvalidQueryException("personnummer", "is missing");
        }
        if (!value.isTextual()) {
            throw new InvalidQueryException("personnummer", "must be a string");
        }
        try {
            return Personnummer.parse(value.asText(), today).digits();
        } catch (InvalidPersonnummerException e) {
            throw new InvalidQueryException("personnummer", e.getMessage());
        }
    }

    /** @see #checkRequestId(JsonNode) */
    public static List<String> benefits(JsonNode query) {
        JsonNode value = query.get("benefits");
        if (value == null || value.isNull()) {
            throw new InvalidQueryException("benefits", "is missing");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidQueryException("benefits", "must be a list of 1 to 19 benefit codes");
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode code : value) {
            if (!code.isTextual() || !BenefitType.isKnown(code.asText())) {
                throw new InvalidQueryException("benefits", "holds an unknown benefit code '" + code.asText() + "'");
            }
            if (codes.contains(code.asText())) {
                throw new InvalidQueryException("benefits", "names " + code.asText() + " twice");
            }
            codes.add(code.asText());
        }
        return List.copyOf(codes);
    }

    private static LocalDate date(JsonNode query, String field) {
        JsonNode value = query.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidQueryException(field, "is missing");
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, "is not a date (YYYY-MM-DD)");
        }
    }

    private String purpose(JsonNode query) {
        JsonNode value = query.get("purpose");
        if (value == null || value.isNull()) {
            return defaultPurpose;
        }
        if (!Purpose.isKnown(value.asText())) {
            throw new InvalidQueryException("purpose", "is not a known purpose code '" + value.asText() + "'");
        }
        return value.asText();
    }
}
