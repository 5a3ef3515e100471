package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** Subscription commands from files and JMS reach LEKA through the online lane and are answered, in each version. */
class SubscriptionsIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSubscriptionIsFollowedByTheSandboxsNotificationArrivingInTheOutbox() throws Exception {
        // the sandbox as the embedded default runs it: a change for every subscribed person now and then
        sandbox.stop();
        sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.refuseBreaches(false);
        sandbox.notifyEvery(Duration.ofSeconds(1));
        sandbox.start();
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.notifications.first-fetch-millis", "500",
                "leka.notifications.fetch-millis", "1000"));
        Path notifications = data.resolve("outbox/notifications");
        assertThat(Folders.names(notifications)).as("nothing before a subscription").isEmpty();

        Folders.drop(bundle.dir("inbox/subscriptions"), "register.json", """
                {"requestId": "s-notified", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                .formatted(Persons.known(21)));

        await().atMost(Duration.ofSeconds(30)).until(() -> !Folders.names(notifications).isEmpty());
        String delivered = Folders.read(notifications.resolve(Folders.names(notifications).get(0)));
        assertThat(JSON.readTree(delivered).path("benefit").asText()).as(delivered).isEqualTo("BOSTADSBIDRAG");
        // the console counts the day's subscription commands and deliveries, not the notifications' states
        // (a notification is delivered once every endpoint has it: the file may be read just before)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode leka = JSON.readTree(BundleHttp.get(bundle, "/console/status.json").body()).path("leka");
            assertThat(leka.path("subscription commands answered today").asInt()).as(leka.toString()).isEqualTo(1);
            assertThat(leka.path("delivered to every endpoint today").asInt()).as(leka.toString()).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void fileCommandsAreAnsweredInTheOutbox(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.api.version", version));
        String person = Persons.known(11);
        String other = Persons.known(12);
        String written = person.substring(0, 8) + "-" + person.substring(8);
        Folders.drop(bundle.dir("inbox/subscriptions"), "commands.json", """
                [{"requestId": "s-1", "action": "REGISTER", "personnummer": "%1$s", "benefits": ["BOSTADSBIDRAG"]},
                 {"requestId": "s-2", "action": "REGISTER", "personnummer": "%1$s", "benefits": ["SJUKPENNING"]},
                 {"requestId": "s-3", "action": "CHECK", "personnummer": "%1$s"},
                 {"requestId": "s-4", "action": "CHECK", "personnummer": "%2$s"},
                 {"requestId": "s-5", "action": "UNREGISTER", "personnummer": "%1$s"},
                 {"requestId": "s-6", "action": "UNREGISTER", "personnummer": "%1$s"},
                 {"requestId": "s-7", "action": "REGISTER", "personnummer": "19900101-2384", "benefits": ["BOSTADSBIDRAG"]},
                 {"requestId": "s-8", "action": "SUBSCRIBE", "personnummer": "%1$s"},
                 {"requestId": "s-9", "action": "REGISTER", "personnummer": "%1$s"}]
                """.formatted(written, other));

        Path outbox = data.resolve("outbox/subscriptions");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(outbox).size() == 9);

        JsonNode registered = answer(outbox, "s-1");
        assertThat(registered.path("status").asText()).isEqualTo("REGISTERED");
        assertThat(registered.path("action").asText()).isEqualTo("REGISTER");
        assertThat(registered.path("apiVersion").asText()).isEqualTo(version);
        String subscriptionId = registered.path("subscription").path("subscriptionId").asText();
        assertThat(subscriptionId).isNotBlank();
        assertThat(registered.path("subscription").path("personnummer").asText()).isEqualTo(person);
        assertThat(registered.path("subscription").path("benefits").toString()).isEqualTo("[\"BOSTADSBIDRAG\"]");
        assertThat(registered.path("subscription").has("registeredAt")).isEqualTo("v2".equals(version));

        JsonNode conflict = answer(outbox, "s-2");
        assertThat(conflict.path("status").asText()).isEqualTo("ALREADY_REGISTERED");
        assertThat(conflict.path("subscription").path("subscriptionId").asText()).isEqualTo(subscriptionId);
        assertThat(conflict.path("subscription").path("benefits").toString()).isEqualTo("[\"BOSTADSBIDRAG\"]");

        JsonNode active = answer(outbox, "s-3");
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.path("subscription").path("subscriptionId").asText()).isEqualTo(subscriptionId);
        assertThat(answer(outbox, "s-4").path("status").asText()).isEqualTo("NOT_SUBSCRIBED");
        assertThat(answer(outbox, "s-5").path("status").asText()).isEqualTo("UNREGISTERED");
        assertThat(answer(outbox, "s-6").path("status").asText()).isEqualTo("NOT_SUBSCRIBED");
        assertThat(sandbox.isSubscribed(person)).isFalse();

        assertRejected(answer(outbox, "s-7"), "personnummer");
        assertRejected(answer(outbox, "s-8"), "action");
        assertRejected(answer(outbox, "s-9"), "benefits");
        assertThat(auditRows("s-")).isEqualTo(9);
    }

    private static void assertRejected(JsonNode answer, String field) {
        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(answer.path("error").path("field").asText()).isEqualTo(field);
        assertThat(answer.path("error").path("reason").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void jmsCommandsAreAnsweredToTheirReplyDestination(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.api.version", version));
        String person = Persons.known(13);
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue requests = jms.createQueue("leka.subscriptions.requests");
            Queue replies = jms.createQueue("test.subscription.replies");
            JMSConsumer consumer = jms.createConsumer(replies);
            String[][] steps = {
                    {"REGISTER", "REGISTERED"}, {"REGISTER", "ALREADY_REGISTERED"}, {"CHECK", "ACTIVE"},
                    {"UNREGISTER", "UNREGISTERED"}, {"CHECK", "NOT_SUBSCRIBED"}};
            for (int i = 0; i < steps.length; i++) {
                TextMessage command = jms.createTextMessage("""
                        {"requestId": "j-%d", "action": "%s", "personnummer": "%s", "benefits": ["BARNBIDRAG"]}"""
                        .formatted(i, steps[i][0], person));
                command.setJMSReplyTo(replies);
                command.setJMSCorrelationID("corr-" + i);
                jms.createProducer().send(requests, command);
                Message reply = consumer.receive(30_000);
                assertThat(reply).as("reply to " + steps[i][0]).isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-" + i);
                JsonNode answer = JSON.readTree(reply.getBody(String.class));
                assertThat(answer.path("requestId").asText()).isEqualTo("j-" + i);
                assertThat(answer.path("status").asText()).as(steps[i][0]).isEqualTo(steps[i][1]);
            }

            TextMessage unreadable = jms.createTextMessage("{not json");
            unreadable.setJMSReplyTo(replies);
            jms.createProducer().send(requests, unreadable);
            JsonNode rejection = JSON.readTree(consumer.receive(30_000).getBody(String.class));
            assertThat(rejection.path("status").asText()).isEqualTo("REJECTED");
            assertThat(rejection.path("error").path("reason").asText()).contains("not valid JSON");
            Message dead = jms.createConsumer(jms.createQueue("lefi.dead-letter")).receive(10_000);
            assertThat(dead.getStringProperty("LefiDeadLetterReason")).contains("not valid JSON");
        }
    }

    private static JsonNode answer(Path outbox, String requestId) throws Exception {
        Path file = outbox.resolve(requestId + ".json");
        assertThat(file).exists();
        return JSON.readTree(Files.readString(file));
    }

    private int auditRows(String prefix) throws Exception {
        DataSource db = bundle.context().getRegistry().lookupByNameAndType("bundleDataSource", DataSource.class);
        try (Connection connection = db.getConnection();
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM audit_log WHERE reference LIKE '" + prefix + "%' AND channel = 'file'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
