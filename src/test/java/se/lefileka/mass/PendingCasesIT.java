package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/**
 * Mass cases FK is still working on block nothing: online queries are answered, another batch is
 * submitted and completes first, and the cases are polled as FK's Retry-After asks.
 */
class PendingCasesIT extends BundleTestSupport {

    @Test
    void casesStillBeingWorkedOnBlockNeitherOnlineQueriesNorAnotherBatchAndArePolledAsFkAsks() throws Exception {
        sandbox.massWork(Duration.ofSeconds(10));
        bundle = RunningBundle.start(data, sandbox, Map.of());
        MassRows first = MassRows.of(1000, 0);
        MassRows second = MassRows.of(300, 0);
        Folders.drop(bundle.dir("inbox/mass"), "first.csv", first.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.massSubmissions() == 2);
        MassProgress.BatchProgress progress = bundle.context().getRegistry()
                .lookupByNameAndType("massProgress", MassProgress.class).snapshot().get(0);
        assertThat(progress.name()).isEqualTo("first");
        assertThat(progress.rowsRead()).isEqualTo(1000);
        assertThat(progress.chunks()).isEqualTo(2);
        assertThat(progress.chunksAnswered()).isZero();

        Folders.drop(bundle.dir("inbox/mass"), "second.csv", second.csv());
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("while-pending.replies");
            for (int i = 0; i < 3; i++) {
                TextMessage query = jms.createTextMessage("""
                        {"requestId": "pending-%d", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                         "from": "2026-01-01", "to": "2026-06-30"}""".formatted(i, Persons.known(i)));
                query.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), query);
            }
            JMSConsumer answers = jms.createConsumer(replies);
            for (int i = 0; i < 3; i++) {
                assertThat(answers.receive(8_000)).as("online answer %d while the cases are pending", i).isNotNull();
            }
        }
        await().atMost(Duration.ofSeconds(8)).until(() -> sandbox.massSubmissions() == 3);
        assertThat(Files.exists(data.resolve("outbox/mass/first.summary.json"))).as("first batch still pending").isFalse();

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("outbox/mass/second.summary.json")));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("outbox/mass/first.summary.json")));
        MassResults.assertLinesMatch(data.resolve("outbox/mass/first.jsonl"), first);
        MassResults.assertLinesMatch(data.resolve("outbox/mass/second.jsonl"), second);
        long polls = sandbox.judge().calls(Budget.MASS) - sandbox.massSubmissions();
        assertThat(polls).as("polls of 3 cases worked on for 10 s, as Retry-After asks").isLessThanOrEqualTo(3 * 3);
    }
}
