package se.lefileka.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.SlaJudged;

/**
 * Two organisations in one bundle, on the SLA's limits, against a sandbox that judges each
 * organisationsnummer's budget on its own: each organisation's inbox is answered in its own outbox
 * through its own lanes (its calls carry its organisationsnummer, and the two budgets run side by
 * side, which one shared budget never could), its mass batch in its own outbox, its LEKA
 * notifications and subscription commands its own, and over JMS each organisation's producer
 * reaches only its own queues and hears only its own answers.
 */
@SlaJudged
class OrganisationsIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_NUMBER = "2120000142";
    private static final String B_NUMBER = "2120000143";
    private static final int QUERIES = 4;

    @TempDir
    Path organisations;

    @Test
    void twoOrganisationsEachOnItsOwnBudgetQueuesAndFolders() throws Exception {
        Files.writeString(organisations.resolve("kommun-b.properties"), """
                lefi.organisationsnummer = %s
                jms.embedded.producer-user = producer-b
                jms.embedded.producer-password = producer-b-secret
                jms.embedded.consumer-user = consumer-b
                jms.embedded.consumer-password = consumer-b-secret
                jms.embedded.producers = cms-b
                jms.embedded.producer.cms-b.password = cms-b-secret
                """.formatted(B_NUMBER));
        List<String> defaultsNotifications = Notifications.publish(sandbox, DEFAULT_NUMBER, 1);
        List<String> bNotifications = Notifications.publish(sandbox, B_NUMBER, 2);
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.organisations.dir", organisations.toString(),
                "lefi.organisationsnummer", DEFAULT_NUMBER, "leka.notifications.first-fetch-millis", "100"));
        Path b = data.resolve("kommun-b");
        Folders.drop(Files.createDirectories(b.resolve("inbox/subscriptions")), "s.json", """
                {"requestId": "s-b", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                .formatted(Persons.known(500)));
        Folders.drop(bundle.dir("inbox/online"), "a.json", queries("a"));
        Folders.drop(Files.createDirectories(b.resolve("inbox/online")), "b.json", queries("b"));
        MassRows rows = MassRows.of(3, 0);
        Folders.drop(Files.createDirectories(b.resolve("inbox/mass")), "b-batch.csv", rows.csv());

        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(data.resolve("outbox/online")).size() == QUERIES
                && Folders.names(b.resolve("outbox/online")).size() == QUERIES);
        for (int i = 0; i < QUERIES; i++) {
            assertThat(status(data.resolve("outbox/online/a-" + i + ".json"))).isEqualTo("OK");
            assertThat(status(b.resolve("outbox/online/b-" + i + ".json"))).isEqualTo("OK");
        }
        assertThat(Folders.names(data.resolve("outbox/online"))).noneMatch(name -> name.startsWith("b-"));
        MassResults.assertCompletesOnce(b, "b-batch", rows, sandbox, 1);
        // LEKA: each organisation's notifications delivered to its own endpoints, its command to its subscriptions
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.unacknowledgedNotifications(B_NUMBER) == 0
                && sandbox.unacknowledgedNotifications(DEFAULT_NUMBER) == 0
                && Files.exists(b.resolve("outbox/subscriptions/s-b.json")));
        assertThat(Folders.names(b.resolve("outbox/notifications")))
                .containsExactlyInAnyOrderElementsOf(bNotifications.stream().map(id -> id + ".json").toList());
        assertThat(Folders.names(data.resolve("outbox/notifications")))
                .containsExactlyInAnyOrderElementsOf(defaultsNotifications.stream().map(id -> id + ".json").toList());
        assertThat(status(b.resolve("outbox/subscriptions/s-b.json"))).isEqualTo("REGISTERED");
        assertThat(sandbox.isSubscribed(B_NUMBER, Persons.known(500))).isTrue();
        assertThat(sandbox.isSubscribed(DEFAULT_NUMBER, Persons.known(500))).isFalse();
        assertThat(data.resolve("outbox/mass/b-batch.jsonl")).doesNotExist();

        assertThat(sandbox.onlineAnswers()).as("FK asked once per query").isEqualTo(2 * QUERIES);
        assertThat(sandbox.judge().calls(B_NUMBER, Budget.MASS)).isPositive();
        assertThat(sandbox.judge().calls(DEFAULT_NUMBER, Budget.MASS)).isZero();
        assertThat(closestStartsMillis(sandbox.judge().starts(DEFAULT_NUMBER, Budget.ONLINE),
                sandbox.judge().starts(B_NUMBER, Budget.ONLINE)))
                .as("the organisations' online calls ran side by side (one shared budget leaves a second between any two)")
                .isLessThan(1000);

        // the audit log: each organisation's rows, tagged with it, in its own export
        Folders.drop(Files.createDirectories(b.resolve("inbox/audit")), "all.json", "{}");
        Path audit = b.resolve("outbox/audit/all.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(audit));
        List<String> rowsOfB = Files.readAllLines(audit).subList(1, Files.readAllLines(audit).size());
        assertThat(rowsOfB).as("kommun-b's disclosures: its online queries, its mass rows, its notifications")
                .hasSizeGreaterThanOrEqualTo(QUERIES + 3 + 2).allMatch(row -> row.contains("," + B_NUMBER + ","));

        JsonNode health = BundleHttp.healthCheck(bundle, "organisations");
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.path("message").asText()).as("kommun-b's bundle runs, leads and its own checks are up")
                .matches("kommun-b: Started, leads, \\d+ checks UP");

        assertThat(BundleHttp.get(bundle, "/observe/metrics").body()).as("each organisation's metrics, in one scrape")
                .contains("fk_calls_total{budget=\"online\",organisation=\"kommun-b\",outcome=\"200\",service=\"lefi\"}",
                        "fk_calls_total{budget=\"online\",organisation=\"default\",outcome=\"200\",service=\"lefi\"}",
                        "bundle_disclosures_total{kind=\"mass\",organisation=\"kommun-b\",outcome=\"OK\"} 3.0");

        JsonNode console = JSON.readTree(BundleHttp.get(bundle, "/console/status.json?organisation=kommun-b").body());
        assertThat(console.path("organisation").asText()).isEqualTo("kommun-b");
        assertThat(console.path("lanes").get(0).path("callsLastMinute").asInt()).as("kommun-b's own online calls")
                .isGreaterThanOrEqualTo(QUERIES);
        assertThat(console.path("organisations").findValuesAsText("organisation")).containsExactly("default", "kommun-b");
        assertThat(JSON.readTree(BundleHttp.get(bundle, "/console/status.json").body()).path("organisation").asText())
                .isEqualTo("default");
        assertThat(BundleHttp.get(bundle, "/console/status.json?organisation=kommun-c").statusCode()).isEqualTo(404);

        answeredOnlyOnItsOwnQueues();
        assertThat(sandbox.judge().breaches(DEFAULT_NUMBER)).as(sandbox.judge().report()).isZero();
        assertThat(sandbox.judge().breaches(B_NUMBER)).as(sandbox.judge().report()).isZero();
    }

    private void answeredOnlyOnItsOwnQueues() throws Exception {
        try (JMSContext producerB = bundle.jmsClient("producer-b", "producer-b-secret").createContext();
             JMSContext consumerB = bundle.jmsClient("consumer-b", "consumer-b-secret").createContext();
             JMSContext producer = bundle.jmsClient("producer", RunningBundle.PRODUCER_PASSWORD).createContext()) {
            Queue bRequests = producerB.createQueue("kommun-b.lefi.online.requests");
            // a reply queue of its own, and one that is the default organisation's
            TextMessage own = producerB.createTextMessage(Queries.online("jms-b-1", Persons.known(401)));
            own.setJMSReplyTo(producerB.createQueue("kommun-b.replies"));
            producerB.createProducer().send(bRequests, own);
            TextMessage others = producerB.createTextMessage(Queries.online("jms-b-2", Persons.known(402)));
            others.setJMSReplyTo(producerB.createQueue("lefi.online.responses"));
            producerB.createProducer().send(bRequests, others);

            TextMessage reply = (TextMessage) producerB.createConsumer(producerB.createQueue("kommun-b.replies"))
                    .receive(TimeUnit.SECONDS.toMillis(30));
            assertThat(JSON.readTree(reply.getText()).path("requestId").asText()).isEqualTo("jms-b-1");
            TextMessage onItsDefault = (TextMessage) consumerB.createConsumer(
                    consumerB.createQueue("kommun-b.lefi.online.responses")).receive(TimeUnit.SECONDS.toMillis(30));
            assertThat(JSON.readTree(onItsDefault.getText()).path("requestId").asText()).isEqualTo("jms-b-2");

            assertThatThrownBy(() -> producerB.createProducer().send(producerB.createQueue("lefi.online.requests"),
                    Queries.online("jms-b-3", Persons.known(403))))
                    .as("kommun-b's producer on the default organisation's queue").isInstanceOf(JMSRuntimeException.class);
            assertThatThrownBy(() -> producer.createProducer().send(bRequests, Queries.online("jms-a", Persons.known(404))))
                    .as("the default's producer on kommun-b's queue").isInstanceOf(JMSRuntimeException.class);
            assertThatThrownBy(() -> consumerB.createConsumer(consumerB.createQueue("lefi.online.responses")).receive(100))
                    .as("kommun-b's consumer on the default's answers").isInstanceOf(JMSRuntimeException.class);
        }
        // a producer system of kommun-b's own: its answers under its own prefix, which kommun-b's producer cannot read
        try (JMSContext cms = bundle.jmsClient("cms-b", "cms-b-secret").createContext();
             JMSContext producerB = bundle.jmsClient("producer-b", "producer-b-secret").createContext()) {
            Queue replies = cms.createQueue("kommun-b.cms-b.replies");
            TextMessage query = cms.createTextMessage(Queries.online("jms-cms", Persons.known(405)));
            query.setJMSReplyTo(replies);
            cms.createProducer().send(cms.createQueue("kommun-b.lefi.online.requests"), query);
            TextMessage reply = (TextMessage) cms.createConsumer(replies).receive(TimeUnit.SECONDS.toMillis(30));
            assertThat(JSON.readTree(reply.getText()).path("requestId").asText()).isEqualTo("jms-cms");
            assertThatThrownBy(() -> producerB.createConsumer(replies).receive(100))
                    .as("kommun-b's producer on its producer system's replies").isInstanceOf(JMSRuntimeException.class);
        }
        assertThat(sandbox.onlineAnswers()).as("FK asked once per query").isEqualTo(2 * QUERIES + 3);
    }

    private static String queries(String prefix) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < QUERIES; i++) {
            array.append(i == 0 ? "" : ",").append(Queries.online(prefix + "-" + i, Persons.known(10 * prefix.charAt(0) + i)));
        }
        return array.append(']').toString();
    }

    private static long closestStartsMillis(List<Long> one, List<Long> other) {
        long closest = Long.MAX_VALUE;
        for (long a : one) {
            for (long b : other) {
                closest = Math.min(closest, Math.abs(a - b));
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(closest);
    }

    private static String status(Path answer) throws Exception {
        JsonNode result = JSON.readTree(Files.readString(answer));
        return result.path("status").asText();
    }
}
