package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * Online queries from files and JMS, subscription commands and notification fetching at once share
 * one budget, and never break it; caseworkers' queries go before the bulk commands that came first
 * (the budget's classes of work); FK is asked once per query.
 */
@SlaJudged
class OnlineBudgetSharedIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUERIES = 4;
    private static final int JMS_QUERIES = 4;
    private static final int COMMANDS = 6;
    private static final int NOTIFICATIONS = 20;

    @Test
    void caseworkersGoFirstWhileBulkCommandsAndNotificationsShareTheBudgetWithoutABreach() throws Exception {
        List<String> ids = Notifications.publish(sandbox, NOTIFICATIONS);
        bundle = RunningBundle.start(data, sandbox, Map.of(
                "leka.notifications.endpoints", "file:" + data.resolve("outbox/notifications") + "?tempPrefix=.",
                "leka.notifications.fetch-millis", "5000",
                "leka.notifications.first-fetch-millis", "100",
                "leka.notifications.page-size", "10"));
        Path online = bundle.dir("inbox/online");
        Path subscriptions = bundle.dir("inbox/subscriptions");
        // bulk work first: subscription commands (the subscriptions inbox feeds the bulk class)
        for (int i = 0; i < COMMANDS; i++) {
            Folders.drop(subscriptions, "s" + i + ".json", """
                    {"requestId": "s-%d", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                    .formatted(i, Persons.known(200 + i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(data.resolve("outbox/subscriptions")).size() >= 1);
        // then caseworkers, from the online inbox (a file each) and the online request queue
        for (int i = 0; i < QUERIES; i++) {
            Folders.drop(online, "q" + i + ".json", """
                    {"requestId": "q-%d", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                     "from": "2026-01-01", "to": "2026-06-30"}""".formatted(i, Persons.known(100 + i)));
        }

        Set<String> answeredOverJms = new HashSet<>();
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("shared.replies");
            for (int i = 0; i < JMS_QUERIES; i++) {
                TextMessage message = jms.createTextMessage(Queries.online("jms-" + i, Persons.known(300 + i)));
                message.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), message);
            }
            try (JMSConsumer consumer = jms.createConsumer(replies)) {
                while (answeredOverJms.size() < JMS_QUERIES) {
                    TextMessage reply = (TextMessage) consumer.receive(120_000);
                    assertThat(reply).as("a reply over JMS").isNotNull();
                    JsonNode result = JSON.readTree(reply.getText());
                    assertThat(result.path("status").asText()).isEqualTo("OK");
                    answeredOverJms.add(result.path("requestId").asText());
                }
            }
        }
        assertThat(answeredOverJms).containsExactlyInAnyOrder("jms-0", "jms-1", "jms-2", "jms-3");
        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(data.resolve("outbox/online")).size() == QUERIES);
        assertThat(Folders.names(data.resolve("outbox/subscriptions"))).as("bulk commands still waiting when every "
                + "caseworker was answered").hasSizeLessThan(COMMANDS);
        await().atMost(Duration.ofSeconds(120)).until(() -> sandbox.unacknowledgedNotifications() == 0
                && Folders.names(data.resolve("outbox/online")).size() == QUERIES
                && Folders.names(data.resolve("outbox/subscriptions")).size() == COMMANDS);

        for (int i = 0; i < QUERIES; i++) {
            assertThat(status(data.resolve("outbox/online/q-" + i + ".json"))).isEqualTo("OK");
        }
        for (int i = 0; i < COMMANDS; i++) {
            assertThat(status(data.resolve("outbox/subscriptions/s-" + i + ".json"))).isEqualTo("REGISTERED");
            assertThat(sandbox.isSubscribed(Persons.known(200 + i))).isTrue();
        }
        assertThat(Folders.names(data.resolve("outbox/notifications")))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + ".json").toList());
        assertThat(sandbox.onlineAnswers()).as("FK asked once per query").isEqualTo(QUERIES + JMS_QUERIES);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    private static String status(Path answer) throws Exception {
        return JSON.readTree(Files.readString(answer)).path("status").asText();
    }
}
