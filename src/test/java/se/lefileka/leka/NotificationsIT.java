package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.lefileka.sandbox.SandboxNotifications;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.Webhook;

/** LEKA notifications reach a folder, a JMS queue and a webhook, each exactly once, and are then acknowledged. */
class NotificationsIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Webhook webhook;

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = new Webhook();
    }

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    /** The settings of a bundle delivering to the outbox folder, the default queue and the test's webhook. */
    static Map<String, String> settings(String version, Path data, String webhook) {
        Map<String, String> settings = new HashMap<>();
        settings.put("leka.api.version", version);
        settings.put("leka.notifications.endpoints", "file:" + data.resolve("outbox/notifications")
                + "?tempPrefix=.,jms:queue:leka.notifications," + webhook);
        settings.put("leka.notifications.fetch-millis", "2000");
        settings.put("leka.notifications.first-fetch-millis", "500");
        settings.put("leka.notifications.page-size", "50");
        settings.put("leka.notifications.endpoint-retries", "1");
        settings.put("leka.notifications.endpoint-retry-millis", "100");
        settings.put("leka.notifications.retry-millis", "1000");
        return settings;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void eachNotificationReachesEveryEndpointOnceAndIsAcknowledged(String version) throws Exception {
        List<String> ids = Notifications.publish(sandbox, 200);
        bundle = RunningBundle.start(data, sandbox, settings(version, data, webhook.url()));

        Path folder = data.resolve("outbox/notifications");
        await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.unacknowledgedNotifications() == 0);

        assertThat(Folders.names(folder)).containsExactlyInAnyOrderElementsOf(
                ids.stream().map(id -> id + ".json").toList());
        assertThat(webhook.received().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(webhook.received().values()).allMatch(count -> count.get() == 1);
        assertThat(queued(ids.size())).containsExactlyInAnyOrderElementsOf(ids);

        JsonNode first = JSON.readTree(Files.readString(folder.resolve(ids.get(0) + ".json")));
        assertThat(first.path("notificationId").asText()).isEqualTo(ids.get(0));
        assertThat(first.path("personnummer").asText()).isEqualTo(Persons.known(0));
        assertThat(first.path("benefit").asText()).isEqualTo("BOSTADSBIDRAG");
        assertThat(first.path("event").asText()).isEqualTo("NEW");
        assertThat(first.path("validFrom").asText()).isEqualTo("2026-12-01");
        assertThat(first.has("createdAt")).isEqualTo("v2".equals(version));
        assertThat(first.path("person").path("status").asText()).isEqualTo("OK");
        assertThat(first.path("person").path("apiVersion").asText()).isEqualTo(version);
        JsonNode second = JSON.readTree(Files.readString(folder.resolve(ids.get(1) + ".json")));
        assertThat(second.path("event").asText()).isEqualTo("CHANGED");
    }

    @Test
    void notificationsWaitForAWebhookThatIsDownAndArriveOnceWhenItIsBack() throws Exception {
        List<String> ids = Notifications.publish(sandbox, 30);
        webhook.down(true);
        bundle = RunningBundle.start(data, sandbox, settings("v2", data, webhook.url()));

        Path folder = data.resolve("outbox/notifications");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Folders.names(folder)).hasSize(ids.size());
            assertThat(webhook.refused()).as("webhook calls refused").isGreaterThanOrEqualTo(2 * ids.size());
        });
        assertThat(sandbox.unacknowledgedNotifications()).as("nothing acknowledged while the webhook is down")
                .isEqualTo(ids.size());

        webhook.down(false);
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.unacknowledgedNotifications() == 0);
        assertThat(webhook.received().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(webhook.received().values()).allMatch(count -> count.get() == 1);
        assertThat(Folders.names(folder)).hasSize(ids.size());
        assertThat(queued(ids.size())).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aNotificationAnEndpointKeepsRefusingIsDeadLetteredWithItsReasonAndAcknowledged() throws Exception {
        List<String> ids = Notifications.publish(sandbox, 3);
        webhook.down(true);
        Map<String, String> settings = settings("v2", data, webhook.url());
        settings.put("leka.notifications.max-attempts", "2");
        bundle = RunningBundle.start(data, sandbox, settings);

        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.unacknowledgedNotifications() == 0);
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            JMSConsumer dead = jms.createConsumer(jms.createQueue("lefi.dead-letter"));
            List<String> deadIds = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Message message = dead.receive(10_000);
                assertThat(message).isNotNull();
                assertThat(message.getStringProperty("LefiDeadLetterReason"))
                        .contains(webhook.url()).contains("503").contains("after 2 rounds");
                deadIds.add(JSON.readTree(message.getBody(String.class)).path("notificationId").asText());
            }
            assertThat(deadIds).containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(webhook.received()).isEmpty();
        assertThat(queued(ids.size())).as("the other endpoints took them once").containsExactlyInAnyOrderElementsOf(ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aNotificationThatCannotBeReadIsDeadLetteredAndAcknowledgedAndTheRestOfThePageDelivered(String version)
            throws Exception {
        List<String> good = new ArrayList<>(Notifications.publish(sandbox, 2));
        String bad = SandboxNotifications.publish(sandbox, Persons.known(7), "BOSTADSBIDRAG", "ANDRAD", null);
        good.addAll(Notifications.publish(sandbox, 3));
        bundle = RunningBundle.start(data, sandbox, settings(version, data, webhook.url()));

        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.unacknowledgedNotifications() == 0);
        assertThat(Folders.names(data.resolve("outbox/notifications")))
                .containsExactlyInAnyOrderElementsOf(good.stream().map(id -> id + ".json").toList());
        assertThat(webhook.received().keySet()).containsExactlyInAnyOrderElementsOf(good);
        assertThat(queued(good.size())).containsExactlyInAnyOrderElementsOf(good);
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            JMSConsumer dead = jms.createConsumer(jms.createQueue("lefi.dead-letter"));
            Message message = dead.receive(10_000);
            assertThat(message).isNotNull();
            assertThat(message.getStringProperty("LekaNotificationId")).isEqualTo(bad);
            assertThat(message.getStringProperty("LefiDeadLetterReason")).isEqualTo(
                    "LEKA's notification cannot be read: field '" + ("v1".equals(version) ? "from" : "giltigFrom")
                            + "' is missing");
            assertThat(JSON.readTree(message.getBody(String.class)).path("v1".equals(version) ? "id" : "aviseringId")
                    .asText()).as("as LEKA gave it").isEqualTo(bad);
            assertThat(dead.receiveNoWait()).as("set aside once").isNull();
        }
    }

    /** The notification ids on the default queue; fails if more than {@code expected} are there. */
    private List<String> queued(int expected) throws Exception {
        return queued(bundle, expected);
    }

    static List<String> queued(RunningBundle bundle, int expected) throws Exception {
        List<String> ids = new ArrayList<>();
        Map<String, AtomicInteger> seen = new HashMap<>();
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            JMSConsumer consumer = jms.createConsumer(jms.createQueue("leka.notifications"));
            for (int i = 0; i < expected; i++) {
                Message message = consumer.receive(10_000);
                assertThat(message).as("notification " + i + " on the queue").isNotNull();
                String id = message.getStringProperty("LekaNotificationId");
                assertThat(JSON.readTree(message.getBody(String.class)).path("notificationId").asText()).isEqualTo(id);
                ids.add(id);
                seen.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            }
            assertThat(consumer.receiveNoWait()).as("no more on the queue").isNull();
        }
        assertThat(seen.values()).allMatch(count -> count.get() == 1);
        return ids;
    }
}
