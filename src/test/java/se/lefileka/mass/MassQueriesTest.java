package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;

/** A mass batch from a file or a JMS message comes out whole, in order, counted, within the mass budget. */
class MassQueriesTest extends BundleTestSupport {

    private static final Duration BATCH_TIME = Duration.ofSeconds(90);
    private final MassRows rows = MassRows.of(2000, 33);

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aCsvFileWithBadRowsGetsOneResultLinePerRowInInputOrder(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.version", version));
        Folders.drop(bundle.dir("inbox/mass"), "kommun-" + version + ".csv", rows.csv());

        Path summary = data.resolve("outbox/mass/kommun-" + version + ".summary.json");
        await().atMost(BATCH_TIME).until(() -> Files.exists(summary));

        MassResults.assertLinesMatch(data.resolve("outbox/mass/kommun-" + version + ".jsonl"), rows);
        MassResults.assertSummaryMatches(Folders.read(summary), "kommun-" + version, rows);
        assertThat(Folders.names(data.resolve("archive/mass"))).hasSize(1);
        assertThat(sandbox.massSubmissions()).as("2000 rows less the bad ones make 4 submissions").isEqualTo(4);
        assertThat(sandbox.judge().breaches(Budget.MASS)).as(sandbox.judge().report()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aJsonlFileIsAnsweredTheSameWay(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.version", version));
        Folders.drop(bundle.dir("inbox/mass"), "forsakring.jsonl", rows.jsonl());

        Path summary = data.resolve("outbox/mass/forsakring.summary.json");
        await().atMost(BATCH_TIME).until(() -> Files.exists(summary));

        MassResults.assertLinesMatch(data.resolve("outbox/mass/forsakring.jsonl"), rows);
        MassResults.assertSummaryMatches(Folders.read(summary), "forsakring", rows);
        assertThat(sandbox.judge().breaches(Budget.MASS)).as(sandbox.judge().report()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aBatchOverJmsIsWrittenToTheOutboxAndItsSummaryIsTheReply(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.version", version));
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("mass.replies");
            TextMessage request = jms.createTextMessage(rows.csv());
            request.setStringProperty("batchId", "legacy-42");
            request.setJMSCorrelationID("corr-42");
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("lefi.mass.requests"), request);

            Message reply = jms.createConsumer(replies).receive(BATCH_TIME.toMillis());
            assertThat(reply).as("the summary as the reply").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-42");
            MassResults.assertSummaryMatches(reply.getBody(String.class), "legacy-42", rows);
        }
        MassResults.assertLinesMatch(data.resolve("outbox/mass/legacy-42.jsonl"), rows);
        assertThat(sandbox.judge().breaches(Budget.MASS)).as(sandbox.judge().report()).isZero();
    }
}
