package se.lefileka.fk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The fields of FK's answers that the contract requires, read strictly: a missing or malformed
 * one is an {@link UnreadableAnswerException} naming the field, never its value.
 */
public final class AnswerFields {

    private AnswerFields() {
    }

    /** A required date. */
    public static LocalDate date(JsonNode parent, String field, DateTimeFormatter format) {
        LocalDate date = optionalDate(parent, field, format);
        if (date == null) {
            throw new UnreadableAnswerException("field '" + field + "' is missing");
        }
        return date;
    }

    /** A date that may be absent or {@code null} (the end of a period still running). */
    public static LocalDate optionalDate(JsonNode parent, String field, DateTimeFormatter format) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText(), format);
        } catch (DateTimeParseException e) {
            throw new UnreadableAnswerException("field '" + field + "' is not a date");
        }
    }

    /** A required text. */
    public static String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new UnreadableAnswerException("field '" + field + "' is missing");
        }
        return value.asText();
    }
}
