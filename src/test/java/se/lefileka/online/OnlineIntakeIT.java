package se.lefileka.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/** Bad queries are answered REJECTED and never reach FK; unreadable input is set aside with its reason. */
class OnlineIntakeIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void startBundle() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
    }

    @Test
    void badQueriesAreRejectedWithFieldAndReasonAndNeverSent() throws Exception {
        String good = Persons.known(3);
        String wrongCheckDigit = good.substring(0, 11) + ((good.charAt(11) - '0' + 1) % 10);
        String serialZero = Persons.personnummer("19800101", 0);
        // the bundle's today is RunningBundle.OPEN_HOURS, whatever the date of the run
        String farAhead = LocalDate.parse(RunningBundle.OPEN_HOURS.substring(0, 10)).plusMonths(13).toString();
        String queries = "[" + String.join(",",
                q("bad-check", wrongCheckDigit, "[\"SJUKPENNING\"]", "2026-01-01", "2026-03-01", null),
                q("bad-serial", serialZero, "[\"SJUKPENNING\"]", "2026-01-01", "2026-03-01", null),
                q("bad-date", "19800231-1234", "[\"SJUKPENNING\"]", "2026-01-01", "2026-03-01", null),
                q("bad-code", good, "[\"SJUKPENNING\", \"GLASS\"]", "2026-01-01", "2026-03-01", null),
                q("bad-order", good, "[\"SJUKPENNING\"]", "2026-03-01", "2026-01-01", null),
                q("bad-long", good, "[\"SJUKPENNING\"]", "2024-01-01", "2026-03-01", null),
                q("bad-ahead", good, "[\"SJUKPENNING\"]", "2026-01-01", farAhead, null),
                q("bad-purpose", good, "[\"SJUKPENNING\"]", "2026-01-01", "2026-03-01", "\"NYFIKENHET\""),
                q("good", good, "[\"SJUKPENNING\"]", "2026-01-01", "2026-03-01", "\"SAMORDNING\"")) + "]";
        Folders.drop(bundle.dir("inbox/online"), "mixed.json", queries);

        Path outbox = data.resolve("outbox/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(outbox).size() == 9);
        assertRejected(outbox, "bad-check", "personnummer", "check digit");
        assertRejected(outbox, "bad-serial", "personnummer", "000");
        assertRejected(outbox, "bad-date", "personnummer", "date of birth");
        assertRejected(outbox, "bad-code", "benefits", "GLASS");
        assertRejected(outbox, "bad-order", "from", "after to");
        assertRejected(outbox, "bad-long", "to", "24 months");
        assertRejected(outbox, "bad-ahead", "to", "12 months");
        assertRejected(outbox, "bad-purpose", "purpose", "NYFIKENHET");
        assertThat(result(outbox, "good").path("status").asText()).isEqualTo("OK");

        assertThat(sandbox.onlineAnswers()).as("only the good query reached FK").isEqualTo(1);
        assertThat(sandbox.wasAskedAbout(wrongCheckDigit)).isFalse();
        assertThat(sandbox.wasAskedAbout(serialZero)).isFalse();
    }

    @Test
    void unreadableFilesGoToTheErrorFolderWithTheirReasonAndTheRestAreAnswered() throws Exception {
        Path inbox = bundle.dir("inbox/online");
        Folders.drop(inbox, "not-json.json", "this is not json");
        Folders.drop(inbox, "wrong-shape.json", "\"just a string\"");
        Folders.drop(inbox, "empty.json", "");
        Folders.drop(inbox, "fine.json", Queries.online("fine", Persons.known(4)));

        Path errors = data.resolve("error/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(errors).size() == 6
                && Files.exists(data.resolve("outbox/online/fine.json")));
        assertThat(Folders.names(errors)).containsExactly("empty.json", "empty.json.error.json", "not-json.json",
                "not-json.json.error.json", "wrong-shape.json", "wrong-shape.json.error.json");
        assertThat(reason(errors, "not-json.json")).contains("not valid JSON");
        assertThat(reason(errors, "wrong-shape.json")).contains("expected a query object");
        assertThat(reason(errors, "empty.json")).contains("empty");
        assertThat(Folders.names(data.resolve("archive/online"))).singleElement().asString().startsWith("fine-");
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterQueueAndGetsAnErrorAnswer() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("dlq.replies");
            TextMessage garbage = jms.createTextMessage("{ not json");
            garbage.setJMSReplyTo(replies);
            garbage.setJMSCorrelationID("garbage-1");
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), garbage);

            TextMessage answer = (TextMessage) jms.createConsumer(replies).receive(30_000);
            assertThat(answer).isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo("garbage-1");
            JsonNode result = JSON.readTree(answer.getText());
            assertThat(result.path("status").asText()).isEqualTo("REJECTED");
            assertThat(result.path("error").path("reason").asText()).contains("not valid JSON");

            Message dead = jms.createConsumer(jms.createQueue("lefi.dead-letter")).receive(10_000);
            assertThat(dead).isNotNull();
            assertThat(((TextMessage) dead).getText()).isEqualTo("{ not json");
            assertThat(dead.getStringProperty("LefiDeadLetterReason")).contains("not valid JSON");
        }
        assertThat(sandbox.onlineAnswers()).isZero();
    }

    private static String q(String id, String pnr, String benefits, String from, String to, String purpose) {
        return "{\"requestId\": \"" + id + "\", \"personnummer\": \"" + pnr + "\", \"benefits\": " + benefits
                + ", \"from\": \"" + from + "\", \"to\": \"" + to + "\""
                + (purpose == null ? "" : ", \"purpose\": " + purpose) + "}";
    }

    private static void assertRejected(Path outbox, String requestId, String field, String reasonPart) throws Exception {
        JsonNode result = result(outbox, requestId);
        assertThat(result.path("status").asText()).as(requestId).isEqualTo("REJECTED");
        assertThat(result.path("error").path("field").asText()).as(requestId).isEqualTo(field);
        assertThat(result.path("error").path("reason").asText()).as(requestId).contains(reasonPart);
    }

    private static JsonNode result(Path outbox, String requestId) throws Exception {
        return JSON.readTree(Folders.read(outbox.resolve(requestId + ".json")));
    }

    private static String reason(Path errors, String file) throws Exception {
        return JSON.readTree(Folders.read(errors.resolve(file + ".error.json"))).path("error").asText();
    }
}
