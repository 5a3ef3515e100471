package se.lefileka.leka;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import se.lefileka.fk.FkRequest;

/**
 * Everything LEKA-specific about one API version: paths, field names, date forms and codes.
 * Nothing outside the implementations of this interface knows how LEKA words a call.
 */
public interface LekaMapper {

    /** {@code v1} or {@code v2}. */
    String version();

    /** Headers every call of this version carries. */
    Map<String, String> headers(String organisationsnummer);

    FkRequest register(String personnummer, List<String> benefits);

    FkRequest check(String personnummer);

    FkRequest unregister(String personnummer);

    /** A subscription as LEKA answers a registration or a check. */
    Subscription subscription(JsonNode subscription);

    /** The existing subscription in the body of a {@code 409} to a registration. */
    default JsonNode conflictingSubscription(JsonNode conflict) {
        return conflict.path("prenumeration");
    }

    /** The fetch of at most {@code max} notifications. */
    FkRequest fetch(int max);

    /** The notifications of one fetch's answer, and whether more are waiting. */
    NotificationPage page(JsonNode fetched, int max, OffsetDateTime fetchedAt);

    /** The acknowledgement of delivered notifications (1 to 500 ids). */
    FkRequest acknowledge(List<String> notificationIds);

    /** LEKA's event code ({@code handelse}), which both versions share, in the bundle's words. */
    default String event(String handelse) {
        return switch (handelse) {
            case "NY" -> "NEW";
            case "ANDRAD" -> "CHANGED";
            case "UPPHORD" -> "ENDED";
            default -> handelse;
        };
    }
}
