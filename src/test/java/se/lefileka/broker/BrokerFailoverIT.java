package se.lefileka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BrokerProcess;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.SlaJudged;

/**
 * The bundle on an Artemis live/backup pair (shared store, each broker in a JVM of its own) with a
 * failover URL: the live broker dies in the middle of a mass batch and online queries over JMS, the
 * backup takes over, and every query is answered once, every mass row once, no chunk submitted
 * under a new fragaId, with no breach at FK.
 */
@SlaJudged
class BrokerFailoverIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUERIES = 8;
    private static final int CHUNKS = 5;

    @TempDir
    Path brokers;
    private List<BrokerProcess> pair = List.of();

    @AfterEach
    void stopTheBrokers() throws Exception {
        if (bundle != null) {
            bundle.close();
        }
        for (BrokerProcess broker : pair) {
            broker.close();
        }
    }

    @Test
    void whenTheLiveBrokerDiesTheBundleFailsOverAndEveryQueryAndRowIsAnsweredOnce() throws Exception {
        sandbox.massWork(Duration.ofSeconds(3));
        pair = BrokerProcess.startPair(brokers.resolve("shared-store"));
        Path password = Files.writeString(brokers.resolve("password"), BrokerProcess.PASSWORD + "\n");
        bundle = RunningBundle.start(data, sandbox, Map.of("jms.broker.url", pair.get(0).url(),
                "jms.broker.user", BrokerProcess.USER, "jms.broker.password-file", password.toString(),
                "lefi.mass.chunk-size", "100", "lefi.mass.first-poll-millis", "1000",
                "leka.notifications.first-fetch-millis", "600000"));

        MassRows rows = MassRows.of(CHUNKS * 100, 0);
        Folders.drop(bundle.dir("inbox/mass"), "failover.csv", rows.csv());
        ActiveMQConnectionFactory client = new ActiveMQConnectionFactory(pair.get(0).url(), BrokerProcess.USER,
                BrokerProcess.PASSWORD);
        Map<String, Set<String>> answered = new HashMap<>();
        // one connection, open across the failover, as the legacy systems keep theirs
        try (JMSContext jms = client.createContext()) {
            Queue replies = jms.createQueue("failover.replies");
            JMSConsumer answers = jms.createConsumer(replies);
            for (int i = 0; i < QUERIES; i++) {
                TextMessage query = jms.createTextMessage(Queries.online("q-" + i, Persons.known(i)));
                query.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), query);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.massSubmissions() >= 2
                    && sandbox.onlineAnswers() >= 2);
            pair.get(0).kill();

            // a failover may hand this client an answer it already had again (same message id): that is
            // the broker's at-least-once delivery to its client; a second answer has an id of its own
            while (answered.size() < QUERIES) {
                Message answer = answers.receive(90_000);
                assertThat(answer).as("answers so far: %s", answered).isNotNull();
                String requestId = JSON.readTree(answer.getBody(String.class)).path("requestId").asText();
                answered.computeIfAbsent(requestId, id -> new HashSet<>()).add(answer.getJMSMessageID());
            }
            Message late;
            while ((late = answers.receive(2_000)) != null) {
                answered.computeIfAbsent(JSON.readTree(late.getBody(String.class)).path("requestId").asText(),
                        id -> new HashSet<>()).add(late.getJMSMessageID());
            }
            assertThat(answered.values()).as("each query answered once: one answer message each")
                    .allSatisfy(ids -> assertThat(ids).hasSize(1));
        }
        Path summary = data.resolve("outbox/mass/failover.summary.json");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(summary));
        MassResults.assertLinesMatch(data.resolve("outbox/mass/failover.jsonl"), rows);
        MassResults.assertSummaryMatches(Folders.read(summary), "failover", rows);
        assertThat(sandbox.massSubmissions()).as("every chunk opened one case: none under a new fragaId")
                .isEqualTo(CHUNKS);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }
}
