package se.lefileka.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.TwoNodes;

/**
 * Two nodes, one leader, as in production: each node in a JVM of its own on a shared data folder,
 * a standalone Artemis broker, a real PostgreSQL server, and the sandbox judging every call on the
 * SLA's own limits. Only the leader calls FK; when it dies, the standby leads and finishes the work.
 * (A leader stopped in order hands over at once: LeaderHandoverIT.)
 */
@SlaJudged
class TwoNodesIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILE_QUERIES = 6;
    private static final int JMS_QUERIES = 4;
    private static final int CHUNKS = 5;

    @TempDir
    Path infrastructure;
    private TwoNodes nodes;

    @AfterEach
    void stopTheNodesAndTheBroker() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void whenTheLeaderIsKilledTheStandbyLeadsAndEveryQueryAndRowIsAnsweredOnceWithoutABreach() throws Exception {
        sandbox.massWork(Duration.ofSeconds(4));
        nodes = TwoNodes.start(data, sandbox, infrastructure);

        MassRows rows = MassRows.of(CHUNKS * 100, 0);
        Folders.drop(Files.createDirectories(data.resolve("inbox/mass")), "shared.csv", rows.csv());
        for (int i = 0; i < FILE_QUERIES; i++) {
            Folders.drop(Files.createDirectories(data.resolve("inbox/online")), "q-" + i + ".json",
                    Queries.online("q-" + i, Persons.known(i)));
        }
        try (JMSContext jms = nodes.broker().client().createContext()) {
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
            nodes.a().kill();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(() -> nodes.clusterSeenByB().contains("this node (b) leads"));
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
}
