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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.MassResults;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;

/** A mass batch from a file or a JMS message comes out whole, in order, counted, within the mass budget. */
class MassQueriesIT extends BundleTestSupport {

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
    }

    @Test
    void aSmallBatchDroppedAfterALargeOneTakesTurnsWithItAndIsDoneFirst() throws Exception {
        // chunks of 10 rows, the lane fed two calls ahead: the large batch makes 60 submissions of 10
        // queries, the small one a submission of 10 and one of 5 (how FK tells them apart)
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "10", "lane.mass.fed-ahead", "2"));
        MassRows large = MassRows.of(600, 0);
        MassRows small = MassRows.of(15, 0);
        Folders.drop(bundle.dir("inbox/mass"), "large.csv", large.csv());
        await().atMost(BATCH_TIME).until(() -> sandbox.massSubmissions() >= 1);
        Folders.drop(bundle.dir("inbox/mass"), "small.csv", small.csv());

        await().atMost(BATCH_TIME).until(() -> Files.exists(data.resolve("outbox/mass/small.summary.json")));
        assertThat(sandbox.massSubmissions()).as("the small batch's cases were polled while the large one still had "
                + "chunks to submit").isLessThan(62);
        MassResults.assertCompletesOnce(data, "large", large, sandbox, 62);
        MassResults.assertCompletesOnce(data, "small", small, sandbox, 62);
        List<Integer> sizes = sandbox.massCaseSizes();
        assertThat(sizes.subList(sizes.indexOf(5) + 1, sizes.size()))
                .as("the large batch's submissions after the small one's last, in the order FK opened cases: " + sizes)
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void filesThatCannotBeReadGoToTheErrorFolderWithTheirReasonAndTheOthersGoOn() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
        Path inbox = bundle.dir("inbox/mass");
        Folders.drop(inbox, "empty.csv", "");
        Folders.drop(inbox, "no-header.csv", "pnr;formaner\n199001012385;SJUKPENNING\n");
        MassRows few = MassRows.of(40, 7);
        Folders.drop(inbox, "good.jsonl", few.jsonl());

        await().atMost(BATCH_TIME).until(() -> Files.exists(data.resolve("outbox/mass/good.summary.json")));
        await().atMost(BATCH_TIME).until(() -> Folders.names(data.resolve("error/mass")).size() == 4);
        assertThat(Folders.read(data.resolve("error/mass/empty.csv.error.json"))).contains("the input is empty");
        assertThat(Folders.read(data.resolve("error/mass/no-header.csv.error.json")))
                .contains("lacks the column(s) personnummer, benefits, from, to");
        MassResults.assertLinesMatch(data.resolve("outbox/mass/good.jsonl"), few);
    }

    @Test
    void aJmsBatchThatCannotBeReadGoesToTheDeadLetterQueueAndIsAnsweredRejected() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("mass.rejected");
            TextMessage request = jms.createTextMessage("personnummer;when\n199001012385;now\n");
            request.setStringProperty("batchId", "broken-1");
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("lefi.mass.requests"), request);

            Message reply = jms.createConsumer(replies).receive(BATCH_TIME.toMillis());
            assertThat(reply.getBody(String.class)).contains("\"batch\" : \"broken-1\"").contains("REJECTED")
                    .contains("lacks the column(s) benefits, from, to");
            Message dead = jms.createConsumer(jms.createQueue("lefi.dead-letter")).receive(10_000);
            assertThat(dead.getStringProperty("LefiDeadLetterReason")).contains("lacks the column(s)");
        }
        assertThat(sandbox.judge().calls(Budget.MASS)).isZero();
    }
}
