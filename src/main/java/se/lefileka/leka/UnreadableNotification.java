package se.lefileka.leka;

import com.fasterxml.jackson.databind.JsonNode;
import se.lefileka.fk.UnreadableAnswerException;

/**
 * A notification of a fetched page that cannot be read (a required field missing or malformed):
 * set aside on the dead-letter queue as LEKA gave it, with the reason, and acknowledged when it
 * has an id, so that it neither stops the rest of the page nor is offered for ever.
 */
public record UnreadableNotification(String notificationId, String reason, String text) {

    /** The longest id the notification log keeps; a longer one is treated as none. */
    private static final int MAX_ID = 100;

    static UnreadableNotification of(JsonNode notification, String idField, RuntimeException failure) {
        JsonNode id = notification.path(idField);
        boolean usable = id.isValueNode() && !id.asText().isBlank() && id.asText().length() <= MAX_ID;
        return new UnreadableNotification(usable ? id.asText() : null,
                "LEKA's notification cannot be read: " + UnreadableAnswerException.describe(failure),
                notification.toString());
    }

    @Override
    public String toString() {
        return "UnreadableNotification[" + notificationId + ", " + reason + "]";
    }
}
