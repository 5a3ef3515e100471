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
import java.util.Map;
import org.junit.jupiter.api.Test;
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
    private final MassRows rows = MassRows.of(300, 0);
    private final Map<String, String> settings = Map.of("lefi.mass.chunk-size", "100",
            "lefi.mass.reconcile-millis", "2000", "lefi.mass.stuck-after-millis", "3000");

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
