package se.lefileka.leka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.lefileka.fk.AnswerFields;
import se.lefileka.fk.FkRequest;
import se.lefileka.lefi.LefiV1Mapper;

/**
 * LEKA v1 (previous): {@code prenumeration} with {@code pnr}; notifications as a bare array with
 * {@code YYYYMMDD} dates and no creation time, so a full page is the only sign that more are waiting.
 */
public class LekaV1Mapper implements LekaMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /**
     * LEFI's mapper of the same version: the version's headers are the same for both services,
     * and a notification's {@code personsvar} is LEFI's.
     */
    private final LefiV1Mapper lefi = new LefiV1Mapper();

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Map<String, String> headers(String organisationsnummer) {
        return lefi.headers(organisationsnummer);
    }

    @Override
    public FkRequest register(String personnummer, List<String> benefits) {
        ObjectNode body = JSON.objectNode().put("pnr", personnummer);
        benefits.forEach(body.putArray("formaner")::add);
        return new FkRequest("POST", "/v1/prenumeration", body);
    }

    @Override
    public FkRequest check(String personnummer) {
        return new FkRequest("GET", "/v1/prenumeration/" + personnummer, null);
    }

    @Override
    public FkRequest unregister(String personnummer) {
        return new FkRequest("DELETE", "/v1/prenumeration/" + personnummer, null);
    }

    @Override
    public Subscription subscription(JsonNode node) {
        List<String> benefits = new ArrayList<>();
        node.path("formaner").forEach(code -> benefits.add(code.asText()));
        return new Subscription(node.path("id").asText(null), node.path("pnr").asText(null), benefits, null);
    }

    @Override
    public FkRequest fetch(int max) {
        return new FkRequest("GET", "/v1/aviseringar?max=" + max, null);
    }

    @Override
    public NotificationPage page(JsonNode fetched, int max, OffsetDateTime fetchedAt) {
        List<Notification> notifications = new ArrayList<>();
        List<UnreadableNotification> unreadable = new ArrayList<>();
        for (JsonNode a : fetched) {
            try {
                notifications.add(notification(a, fetchedAt));
            } catch (RuntimeException e) {
                unreadable.add(UnreadableNotification.of(a, "id", e));
            }
        }
        return new NotificationPage(notifications, unreadable, notifications.size() + unreadable.size() >= max);
    }

    private Notification notification(JsonNode a, OffsetDateTime fetchedAt) {
        return new Notification(AnswerFields.text(a, "id"), AnswerFields.text(a, "pnr"), AnswerFields.text(a, "forman"),
                event(AnswerFields.text(a, "handelse")), AnswerFields.date(a, "from", DATE), null,
                lefi.personAnswer(a.path("personsvar")).asResult(fetchedAt, version()));
    }

    @Override
    public FkRequest acknowledge(List<String> notificationIds) {
        ObjectNode body = JSON.objectNode();
        notificationIds.forEach(body.putArray("ids")::add);
        return new FkRequest("POST", "/v1/kvittens", body);
    }
}
