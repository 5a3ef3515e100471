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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/** The online lane keeps the SLA under load, rides out FK's faults and survives a restart. */
@SlaJudged
class OnlineLaneIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files, and as many JMS queries, sent at once. */
    private static final int EACH = 6;

    @Test
    void aBurstOfQueriesFromFilesAndJmsIsAllAnsweredWithoutBreakingTheBudget() throws Exception {
        // six files and six JMS queries at once: twelve seconds of the online budget
        bundle = RunningBundle.start(data, sandbox, Map.of());
        Path inbox = bundle.dir("inbox/online");
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("burst.replies");
            for (int i = 0; i < EACH; i++) {
                Folders.drop(inbox, "q" + i + ".json", Queries.online("file-" + i, Persons.known(i)));
                TextMessage message = jms.createTextMessage(Queries.online("jms-" + i, Persons.known(10 + i)));
                message.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), message);
            }
            Set<String> answered = new HashSet<>(receiveAll(jms, replies, EACH, Duration.ofSeconds(60)));
            await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(data.resolve("outbox/online")).size() == EACH);
            for (int i = 0; i < EACH; i++) {
                assertThat(answered).contains("jms-" + i);
                assertThat(status(data.resolve("outbox/online/file-" + i + ".json"))).isEqualTo("OK");
            }
        }
        assertThat(sandbox.onlineAnswers()).isEqualTo(2 * EACH);
        assertThat(sandbox.judge().calls(Budget.ONLINE)).isEqualTo(2 * EACH);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    @Test
    void aQueryFkCannotTakeForTheRetryTimeIsAnsweredFailedWithTheReason() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lane.retry.max-millis", "3000",
                "lane.retry.first-backoff-millis", "300", "lane.retry.max-backoff-millis", "600",
                "leka.notifications.first-fetch-millis", "600000"));
        SandboxFaults.of(sandbox).failNext(1000);
        Folders.drop(bundle.dir("inbox/online"), "doomed.json", Queries.online("doomed", Persons.known(3)));

        Path answer = data.resolve("outbox/online/doomed.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(answer));
        JsonNode result = JSON.readTree(Folders.read(answer));
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").path("reason").asText()).startsWith("FK could not take the call");
        assertThat(result.path("requestId").asText()).isEqualTo("doomed");
        assertThat(sandbox.judge().calls(Budget.ONLINE)).as("retried, then given up").isGreaterThan(2);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

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
        for (int i = 0; i < 8; i++) {
            many.append(i == 0 ? "" : ",").append(Queries.online("restart-" + i, Persons.known(i)));
        }
        Folders.drop(inbox, "many.json", many.append("]").toString());
        Path outbox = data.resolve("outbox/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(outbox).size() >= 2);

        bundle = bundle.restart(sandbox, Map.of());
        long answeredBeforeRestart = Folders.names(outbox).size();
        assertThat(answeredBeforeRestart).as("some queries were still waiting").isLessThan(8);

        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(outbox).size() == 8);
        for (int i = 0; i < 8; i++) {
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
