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
import se.lefileka.lefi.LefiV2Mapper;

/** LEKA v2 (current): {@code prenumerationer}, {@code aviseringar} with {@code fler}, ISO dates, organisation header. */
public class LekaV2Mapper implements LekaMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /**
     * LEFI's mapper of the same version: the version's headers are the same for both services,
     * and a notification's {@code personsvar} is LEFI's.
     */
    private final LefiV2Mapper lefi = new LefiV2Mapper();

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public Map<String, String> headers(String organisationsnummer) {
        return lefi.headers(organisationsnummer);
    }

    @Override
    public FkRequest register(String personnummer, List<String> benefits) {
        ObjectNode body = JSON.objectNode().put("personnummer", personnummer);
        benefits.forEach(body.putArray("formaner")::add);
        return new FkRequest("POST", "/v2/prenumerationer", body);
    }

    @Override
    public FkRequest check(String personnummer) {
        return new FkRequest("GET", "/v2/prenumerationer/" + personnummer, null);
    }

    @Override
    public FkRequest unregister(String personnummer) {
        return new FkRequest("DELETE", "/v2/prenumerationer/" + personnummer, null);
    }

    @Override
    public Subscription subscription(JsonNode node) {
        List<String> benefits = new ArrayList<>();
        node.path("formaner").forEach(code -> benefits.add(code.asText()));
        String registered = node.path("registrerad").asText("");
        return new Subscription(node.path("prenumerationId").asText(null), node.path("personnummer").asText(null),
                benefits, registered.isEmpty() ? null : OffsetDateTime.parse(registered));
    }

    @Override
    public FkRequest fetch(int max) {
        return new FkRequest("GET", "/v2/aviseringar?max=" + max, null);
    }

    @Override
    public NotificationPage page(JsonNode fetched, int max, OffsetDateTime fetchedAt) {
        List<Notification> notifications = new ArrayList<>();
        List<UnreadableNotification> unreadable = new ArrayList<>();
        for (JsonNode a : fetched.path("aviseringar")) {
            try {
                notifications.add(notification(a, fetchedAt));
            } catch (RuntimeException e) {
                unreadable.add(UnreadableNotification.of(a, "aviseringId", e));
            }
        }
        return new NotificationPage(notifications, unreadable, fetched.path("fler").asBoolean(false));
    }

    private Notification notification(JsonNode a, OffsetDateTime fetchedAt) {
        String created = a.path("skapad").asText("");
        return new Notification(AnswerFields.text(a, "aviseringId"), AnswerFields.text(a, "personnummer"),
                AnswerFields.text(a, "formanstyp"), event(AnswerFields.text(a, "handelse")),
                AnswerFields.date(a, "giltigFrom", DateTimeFormatter.ISO_LOCAL_DATE),
                created.isEmpty() ? null : OffsetDateTime.parse(created),
                lefi.personAnswer(a.path("personsvar")).asResult(fetchedAt, version()));
    }

    @Override
    public FkRequest acknowledge(List<String> notificationIds) {
        ObjectNode body = JSON.objectNode();
        notificationIds.forEach(body.putArray("aviseringIds")::add);
        return new FkRequest("POST", "/v2/aviseringar/kvittens", body);
    }
}
