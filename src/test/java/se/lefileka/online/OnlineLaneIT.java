package se.lefileka.online;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * The online lane keeps the SLA through FK's faults and service windows and across a restart. (A
 * burst of queries from files and JMS with subscription commands and notifications beside them is
 * OnlineBudgetSharedIT's; a query FK cannot take for the whole retry time, FkAnswersIT's.)
 */
@SlaJudged
class OnlineLaneIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files, and as many JMS queries, sent at once. */
    private static final int EACH = 6;

    @Test
    void queriesWaitThroughFaultsAndServiceWindowsAndAreAnsweredOnceEach() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
        SandboxFaults.of(sandbox).failNext(3);
        SandboxFaults.of(sandbox).serviceWindowFor(Duration.ofSeconds(4));
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("fault.replies");
            for (int i = 0; i < 5; i++) {
                TextMessage message = jms.createTextMessage(Queries.online("fault-" + i, Persons.known(i)));
                message.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), message);
            }
            List<String> answered = receiveAll(jms, replies, 5, Duration.ofSeconds(90));
            assertThat(answered).containsExactlyInAnyOrder("fault-0", "fault-1", "fault-2", "fault-3", "fault-4");
            assertThat(jms.createConsumer(replies).receive(2_000)).as("no answer twice").isNull();
        }
        assertThat(sandbox.onlineAnswers()).isEqualTo(5);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    @Test
    void queriesWaitingInTheLaneAreAnsweredAfterARestart() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
        SandboxFaults.of(sandbox).latency(Duration.ofMillis(500));
        Path inbox = bundle.dir("inbox/online");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            many.append(i == 0 ? "" : ",").append(Queries.online("restart-" + i, Persons.known(i)));
        }
        Folders.drop(inbox, "many.json", many.append("]").toString());
        Path outbox = data.resolve("outbox/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(outbox).size() >= 2);

        bundle = bundle.restart(sandbox, Map.of());
        long answeredBeforeRestart = Folders.names(outbox).size();
        assertThat(answeredBeforeRestart).as("some queries were still waiting").isLessThan(6);

        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(outbox).size() == 6);
        for (int i = 0; i < 6; i++) {
            assertThat(status(outbox.resolve("restart-" + i + ".json"))).isEqualTo("OK");
        }
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    private static List<String> receiveAll(JMSContext jms, Queue queue, int count, Duration within) throws Exception {
        List<String> requestIds = new ArrayList<>();
        JMSConsumer consumer = jms.createConsumer(queue);
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (requestIds.size() < count && System.currentTimeMillis() < deadline) {
            TextMessage reply = (TextMessage) consumer.receive(1_000);
            if (reply != null) {
                JsonNode result = JSON.readTree(reply.getText());
                assertThat(result.path("status").asText()).isEqualTo("OK");
                requestIds.add(result.path("requestId").asText());
            }
        }
        consumer.close();
        return requestIds;
    }

    private static String status(Path file) throws Exception {
        return JSON.readTree(Folders.read(file)).path("status").asText();
    }
}
