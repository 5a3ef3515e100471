package se.lefileka.fk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * FK's error body {@code {"felkod": CODE, "meddelande": TEXT}}, the same in every API version
 * (CONTRACT.md, "Common rules"), and what an HTTP status means for the call.
 */
public record FkError(int status, String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static FkError read(int status, String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node != null && node.isObject()) {
                return new FkError(status, node.path("felkod").asText(""), node.path("meddelande").asText(""));
            }
        } catch (Exception e) {
            // not FK's error form: keep the status alone
        }
        return new FkError(status, "", "");
    }

    /**
     * 429, every 5xx, a retired version (410 VERSION_UPPHORD) and a refused organisation (401, 403)
     * mean: try again later; the last two wait for an operator's fix.
     */
    public boolean isTransient() {
        return status == 429 || status >= 500 || isRetired() || isRefused();
    }

    /** FK is closed: a service window, or mass outside opening hours. */
    public boolean isClosed() {
        return status == 503 && ("SERVICEFONSTER".equals(code) || "STANGT".equals(code));
    }

    /** FK does not accept the calling organisation: its certificate or its agreement. */
    public boolean isRefused() {
        return status == 401 || status == 403;
    }

    /** The API version in use is past its end of life. */
    public boolean isRetired() {
        return status == 410 && "VERSION_UPPHORD".equals(code);
    }

    public FkUnavailableException unavailable(String retryAfter) {
        if (isRefused()) {
            return new FkRefusedException("FK answered " + this + ": it does not accept the organisation's calls",
                    retryAfterSeconds(retryAfter));
        }
        if (isRetired()) {
            return new FkRetiredException("FK answered " + this + ": the API version is retired",
                    retryAfterSeconds(retryAfter));
        }
        return isClosed() ? new FkClosedException("FK answered " + this, retryAfterSeconds(retryAfter))
                : new FkUnavailableException("FK answered " + this, retryAfterSeconds(retryAfter));
    }

    /** A Retry-After header, in seconds or as an HTTP date, as seconds from now; null if absent or unreadable. */
    public static Integer retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return (int) Math.max(0, at.toEpochSecond() - System.currentTimeMillis() / 1000);
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return status + (code.isEmpty() ? "" : " " + code);
    }
}
