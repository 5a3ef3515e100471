package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * (the budget's classes of work), and notifications that arrive while caseworkers keep coming at 0.8
 * a second are still delivered; FK is asked once per query.
 */
@SlaJudged
class OnlineBudgetSharedIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUERIES = 2;
    private static final int JMS_QUERIES = 12;
    private static final int COMMANDS = 6;
    private static final int NOTIFICATIONS = 20;

    @Test
    void caseworkersGoFirstAndNotificationsStillFlowWhileCaseworkersKeepComingWithoutABreach() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of(
                "leka.notifications.endpoints", "file:" + data.resolve("outbox/notifications") + "?tempPrefix=.",
                "leka.notifications.fetch-millis", "3000",
                "leka.notifications.first-fetch-millis", "100",
                "leka.notifications.page-size", "10"));
        Path online = bundle.dir("inbox/online");
        Path subscriptions = bundle.dir("inbox/subscriptions");
        Path notifications = data.resolve("outbox/notifications");
        // bulk work first: subscription commands (the subscriptions inbox feeds the bulk class)
        for (int i = 0; i < COMMANDS; i++) {
            Folders.drop(subscriptions, "s" + i + ".json", """
                    {"requestId": "s-%d", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                    .formatted(i, Persons.known(200 + i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(data.resolve("outbox/subscriptions")).size() >= 1);
        // then caseworkers: a file each from the online inbox, and a query every 1.25 s on the request queue
        for (int i = 0; i < QUERIES; i++) {
            Folders.drop(online, "q" + i + ".json", """
                    {"requestId": "q-%d", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                     "from": "2026-01-01", "to": "2026-06-30"}""".formatted(i, Persons.known(100 + i)));
        }
        List<String> published = new CopyOnWriteArrayList<>();
        Set<String> answeredOverJms = ConcurrentHashMap.newKeySet();
        long notificationsWhileCaseworkersCame;
        try (JMSContext jms = bundle.jmsClient().createContext();
             JMSContext listening = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("shared.replies");
            Set<Integer> commandsAnsweredAtTheFirstReply = ConcurrentHashMap.newKeySet();
            listening.createConsumer(replies).setMessageListener(reply -> {
                if (commandsAnsweredAtTheFirstReply.isEmpty()) {
                    commandsAnsweredAtTheFirstReply.add(Folders.names(data.resolve("outbox/subscriptions")).size());
                }
                answeredOverJms.add(requestId(reply));
            });
            // a caseworker's query every 1.25 s (0.8 a second), from one thread (a JMS context is not shared)
            ScheduledExecutorService caseworkers = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger next = new AtomicInteger();
            CountDownLatch allSent = new CountDownLatch(JMS_QUERIES);
            caseworkers.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < JMS_QUERIES) {
                    TextMessage message = jms.createTextMessage(Queries.online("jms-" + i, Persons.known(300 + i)));
                    try {
                        message.setJMSReplyTo(replies);
                    } catch (jakarta.jms.JMSException e) {
                        throw new IllegalStateException(e);
                    }
                    jms.createProducer().send(jms.createQueue("lefi.online.requests"), message);
                    if (i == 1) {
                        // notifications arrive at LEKA while caseworkers keep the budget busy
                        published.addAll(Notifications.publish(sandbox, NOTIFICATIONS));
                    }
                    allSent.countDown();
                }
            }, 0, 1250, TimeUnit.MILLISECONDS);
            assertThat(allSent.await(60, TimeUnit.SECONDS)).as("every caseworker's query sent").isTrue();
            caseworkers.shutdown();
            notificationsWhileCaseworkersCame = Folders.names(notifications).size();
            await().atMost(Duration.ofSeconds(60)).until(() -> answeredOverJms.size() == JMS_QUERIES);
            assertThat(commandsAnsweredAtTheFirstReply).as("bulk commands still waiting when the first caseworker "
                    + "was answered").allMatch(answered -> answered < COMMANDS);
        }
        assertThat(notificationsWhileCaseworkersCame).as("notifications delivered while caseworkers kept coming")
                .isPositive();
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
        assertThat(answeredOverJms).hasSize(JMS_QUERIES);
        assertThat(Folders.names(notifications))
                .containsExactlyInAnyOrderElementsOf(published.stream().map(id -> id + ".json").toList());
        assertThat(sandbox.onlineAnswers()).as("FK asked once per query").isEqualTo(QUERIES + JMS_QUERIES);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    private static String requestId(jakarta.jms.Message reply) {
        try {
            JsonNode result = JSON.readTree(((TextMessage) reply).getText());
            assertThat(result.path("status").asText()).isEqualTo("OK");
            return result.path("requestId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(Path answer) throws Exception {
        return JSON.readTree(Files.readString(answer)).path("status").asText();
    }
}
