package se.lefileka.cluster;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BrokerProcess;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Postgres;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.SlaJudged;

/**
 * Two nodes, one leader, as in production: each node in a JVM of its own on a shared data folder,
 * a standalone Artemis broker, a real PostgreSQL server, and the sandbox judging every call on the
 * SLA's own limits. Only the leader calls FK; when it dies, the standby leads and finishes the work.
 */
@SlaJudged
class TwoNodesIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILE_QUERIES = 8;
    private static final int JMS_QUERIES = 4;
    private static final int CHUNKS = 5;

    @TempDir
    Path infrastructure;
    private BrokerProcess broker;
    private int httpA;
    private int httpB;
    private final List<BundleProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopTheNodesAndTheBroker() throws Exception {
        for (BundleProcess node : nodes) {
            if (node.isAlive()) {
                node.kill();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void whenTheLeaderIsKilledTheStandbyLeadsAndEveryQueryAndRowIsAnsweredOnceWithoutABreach() throws Exception {
        sandbox.massWork(Duration.ofSeconds(4));
        BundleProcess a = startTwoNodes();

        MassRows rows = MassRows.of(CHUNKS * 100, 0);
        Folders.drop(Files.createDirectories(data.resolve("inbox/mass")), "shared.csv", rows.csv());
        for (int i = 0; i < FILE_QUERIES; i++) {
            Folders.drop(Files.createDirectories(data.resolve("inbox/online")), "q-" + i + ".json",
                    Queries.online("q-" + i, Persons.known(i)));
        }
        try (JMSContext jms = broker.client().createContext()) {
            Queue replies = jms.createQueue("two-nodes.replies");
            JMSConsumer answers = jms.createConsumer(replies);
            for (int i = 0; i < JMS_QUERIES; i++) {
                TextMessage query = jms.createTextMessage(Queries.online("j-" + i, Persons.known(100 + i)));
                query.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), query);
            }
            // the leader is in the middle of both: some cases open, some queries answered
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.massSubmissions() >= 2
                    && sandbox.onlineAnswers() >= 3);
            a.kill();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(() -> cluster(httpB).contains("this node (b) leads"));
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));

            Set<String> answered = new HashSet<>();
            for (int i = 0; i < JMS_QUERIES; i++) {
                TextMessage answer = (TextMessage) answers.receive(90_000);
                assertThat(answer).as("JMS answer %d", i).isNotNull();
                assertThat(answered.add(JSON.readTree(answer.getText()).path("requestId").asText()))
                        .as("each JMS query answered once").isTrue();
            }
            assertThat(answers.receive(2_000)).as("no second answer").isNull();
        }
        Path online = data.resolve("outbox/online");
        await().atMost(Duration.ofSeconds(90)).until(() -> Folders.names(online).size() >= FILE_QUERIES);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < FILE_QUERIES; i++) {
            expected.add("q-" + i + ".json");
        }
        assertThat(Folders.names(online)).as("each file query answered once").containsExactlyInAnyOrderElementsOf(expected);

        Path summary = data.resolve("outbox/mass/shared.summary.json");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(summary));
        MassResults.assertLinesMatch(data.resolve("outbox/mass/shared.jsonl"), rows);
        MassResults.assertSummaryMatches(Folders.read(summary), "shared", rows);
        assertThat(sandbox.massSubmissions()).as("every chunk opened one case: none under a new fragaId")
                .isEqualTo(CHUNKS);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    @Test
    void aLeaderStoppedInOrderHandsOverAtOnce() throws Exception {
        BundleProcess a = startTwoNodes();
        JsonNode lane = BundleHttp.healthCheck(httpB, "lane-online");
        assertThat(lane.path("status").asText()).isEqualTo("UP");
        assertThat(lane.path("message").asText()).startsWith("standing by");

        a.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster(httpB).contains("this node (b) leads"));
        Folders.drop(Files.createDirectories(data.resolve("inbox/online")), "after.json",
                Queries.online("after", Persons.known(7)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("outbox/online/after.json")));
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    /** Node a, which leads, then node b, which stands by; returns a. */
    private BundleProcess startTwoNodes() throws Exception {
        Map<String, String> settings = sharedSettings();
        httpA = RunningBundle.freePort();
        httpB = RunningBundle.freePort();
        BundleProcess a = node("a", httpA, settings);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster(httpA).contains("this node (a) leads"));
        node("b", httpB, settings);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster(httpB).contains("this node (b) stands by"));
        return a;
    }

    private Map<String, String> sharedSettings() throws Exception {
        broker = BrokerProcess.start(infrastructure.resolve("broker"));
        Path password = Files.writeString(infrastructure.resolve("broker-password"), BrokerProcess.PASSWORD + "\n");
        Map<String, String> settings = new HashMap<>();
        settings.put("jms.broker.url", broker.url());
        settings.put("jms.broker.user", BrokerProcess.USER);
        settings.put("jms.broker.password-file", password.toString());
        settings.put("bundle.db.url", Postgres.newDatabase());
        settings.put("bundle.db.user", "postgres");
        settings.put("bundle.cluster.mode", "file");
        settings.put("lefi.mass.chunk-size", "100");
        settings.put("lefi.mass.first-poll-millis", "1000");
        // no LEKA fetches: the online lane's calls are the test's queries
        settings.put("leka.notifications.first-fetch-millis", "600000");
        return settings;
    }

    private BundleProcess node(String id, int httpPort, Map<String, String> shared) throws Exception {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("bundle.node.id", id);
        settings.put("bundle.http.port", String.valueOf(httpPort));
        BundleProcess node = BundleProcess.startNode(data, sandbox, settings, id);
        nodes.add(node);
        return node;
    }

    private static String cluster(int httpPort) {
        try {
            return BundleHttp.healthCheck(httpPort, "cluster").path("message").asText();
        } catch (Exception notYetServing) {
            return "";
        }
    }
}
