package se.lefileka.mass;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.support.MassResults;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;

/** A batch whose tally lost an event still completes, and a batch that makes no progress shows in health. */
class MassReconcileIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TALLY = "lefi.mass.tally";
    private static final String DEAD_LETTERS = "lefi.dead-letter";
    private final MassRows rows = MassRows.of(300, 0);
    private final Map<String, String> settings = Map.of("lefi.mass.chunk-size", "100",
            "lefi.mass.reconcile-millis", "2000", "lefi.mass.stuck-after-millis", "3000",
            // a call to a stopped route fails after a second, not thirty
            "camel.component.direct.timeout", "1000");

    @Test
    void aBatchWhoseTallyLostAChunkEventCompletesFromItsChunksEveryRowOnce() throws Exception {
        bundle = RunningBundle.start(data, sandbox, settings);
        bundle.context().getRouteController().stopRoute("mass-tally");
        Folders.drop(bundle.dir("inbox/mass"), "lost.csv", rows.csv());

        // the input read and its three chunks answered: four events wait for the tally
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsWaiting() == 4);
        dropOneChunkEvent();
        bundle.context().getRouteController().startRoute("mass-tally");

        Path summary = data.resolve("outbox/mass/lost.summary.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(summary));
        MassResults.assertLinesMatch(data.resolve("outbox/mass/lost.jsonl"), rows);
        MassResults.assertSummaryMatches(Files.readString(summary), "lost", rows);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsWaiting() == 0);
    }

    @Test
    void aBatchThatMakesNoProgressWhileTheLaneIsOpenIsNamedInHealth() throws Exception {
        sandbox.massWork(Duration.ofHours(1));
        bundle = RunningBundle.start(data, sandbox, settings);
        Folders.drop(bundle.dir("inbox/mass"), "stuck.csv", rows.csv());

        // every chunk submitted, FK working on them for an hour: polls, but no progress
        await().atMost(Duration.ofSeconds(40)).until(() -> check("mass-batches").path("message").asText()
                .startsWith("degraded: no progress while the mass lane was open: batch "));
        JsonNode check = check("mass-batches");
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.path("message").asText()).contains("3 chunks, 3 submitted, 0 answered");
    }

    @Test
    void chunksWhoseAnswersCouldNotBeRecordedArePutBackFromTheDatabaseUnderTheirOwnFragaIdEveryRowOnce()
            throws Exception {
        bundle = RunningBundle.start(data, sandbox, settings);
        bundle.context().getRouteController().stopRoute("mass-lane-check");
        loseTheAnswersOfEverySubmission("put-back");
        // one of the three not on the dead-letter queue either (an operator emptied it of it)
        try (JMSContext jms = bundle.jmsClient().createContext(JMSContext.SESSION_TRANSACTED)) {
            assertThat(jms.createConsumer(jms.createQueue(DEAD_LETTERS)).receive(5000)).isNotNull();
            jms.commit();
        }
        bundle.context().getRouteController().startRoute("mass-lane-check");

        Path summary = data.resolve("outbox/mass/put-back.summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        JsonNode counts = JSON.readTree(Files.readString(summary)).path("counts");
        assertThat(counts.path("FAILED").asInt()).as("no row lost: the database keeps every chunk until answered")
                .isZero();
        MassResults.assertLinesMatch(data.resolve("outbox/mass/put-back.jsonl"), rows);
        MassResults.assertSummaryMatches(Files.readString(summary), "put-back", rows);
        assertThat(sandbox.massSubmissions()).as("cases opened: one per chunk, no new fragaId").isEqualTo(3);
        assertThat(waiting(DEAD_LETTERS)).as("their lane messages taken off the dead-letter queue").isZero();
    }

    @Test
    void chunksWaitingWhileTheOpenLaneMakesNoCallAreNamedInHealthWithinTheIdleTime() throws Exception {
        // the lane check comes too late to help: the watchdog is what tells
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "100",
                "lefi.mass.reconcile-millis", "600000", "lefi.mass.idle-after-millis", "3000",
                "camel.component.direct.timeout", "1000"));
        loseTheAnswersOfEverySubmission("held");

        await().atMost(Duration.ofSeconds(30)).until(() -> check("mass-batches").path("message").asText()
                .startsWith("degraded: no progress while the mass lane was open: batch "));
        assertThat(check("mass-batches").path("message").asText()).contains("3 chunks, 0 submitted, 0 answered");
    }

    /**
     * Drops a batch while its chunks' answers cannot be recorded (the route that records them is
     * stopped, as when the bundle stops under a call): FK opens their cases, and the lane's
     * messages go to the dead-letter queue. The route is started again once they are there.
     */
    private void loseTheAnswersOfEverySubmission(String batch) throws Exception {
        bundle.context().getRouteController().stopRoute("mass-answer");
        Folders.drop(bundle.dir("inbox/mass"), batch + ".csv", rows.csv());
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(DEAD_LETTERS) == 3);
        assertThat(sandbox.massSubmissions()).isEqualTo(3);
        bundle.context().getRouteController().startRoute("mass-answer");
    }

    /** Messages on the queue, as the broker counts them (waiting, scheduled or being delivered). */
    private long waiting(String queue) {
        return bundle.context().getRegistry().findSingleByType(BrokerQueues.class).messageCount(queue);
    }

    private int eventsWaiting() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            return Collections.list(jms.createBrowser(jms.createQueue(TALLY)).getEnumeration()).size();
        }
    }

    /** Takes the tally's events off its queue, puts all back but one chunk's, as if that one were lost. */
    private void dropOneChunkEvent() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue tally = jms.createQueue(TALLY);
            JMSConsumer consumer = jms.createConsumer(tally);
            boolean dropped = false;
            for (int i = 0; i < 4; i++) {
                TextMessage event = (TextMessage) consumer.receive(5000);
                boolean chunk = !JSON.readTree(event.getText()).path("chunk").isNull()
                        && JSON.readTree(event.getText()).has("chunk");
                if (chunk && !dropped) {
                    dropped = true;
                    continue;
                }
                TextMessage copy = jms.createTextMessage(event.getText());
                copy.setStringProperty("LefiBatchId", event.getStringProperty("LefiBatchId"));
                jms.createProducer().send(tally, copy);
            }
            consumer.close();
            jms.commit();
            assertThat(dropped).as("a chunk event dropped").isTrue();
        }
    }

    private JsonNode check(String name) throws Exception {
        return BundleHttp.healthCheck(bundle, name);
    }
}
