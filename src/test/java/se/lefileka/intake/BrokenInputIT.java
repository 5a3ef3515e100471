package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.broker.EmbeddedBroker;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * Input that cannot be read is set aside with its reason at the first reading, never reaches FK,
 * and stops nothing else; a byte order mark is no reason.
 */
class BrokenInputIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 4096;

    @BeforeEach
    void startBundle() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.input.max-bytes", String.valueOf(MAX_BYTES),
                "bundle.input.max-string-length", "1000", "leka.notifications.first-fetch-millis", "600000"));
    }

    @Test
    void unreadableFilesAreSetAsideEachWithItsReasonAndAFileWithAByteOrderMarkIsAnswered() throws Exception {
        Path inbox = bundle.dir("inbox/online");
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("{\"requestId\": \"r\u00e4ksm\u00f6rg\u00e5s\"}".getBytes(StandardCharsets.ISO_8859_1));
        Map<String, byte[]> files = new HashMap<>();
        files.put("latin1.json", latin1.toByteArray());
        files.put("nested.json", ("[".repeat(2000) + "]".repeat(2000)).getBytes(StandardCharsets.UTF_8));
        files.put("huge-string.json", ("{\"requestId\": \"" + "x".repeat(2000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        files.put("too-big.json", ("[" + (Queries.online("big", Persons.known(5)) + ",").repeat(40) + "{}]")
                .getBytes(StandardCharsets.UTF_8));
        files.put("trailing.json", (Queries.online("trailing", Persons.known(6)) + " {\"more\": 1}")
                .getBytes(StandardCharsets.UTF_8));
        // a user may name a file after the person it is about
        files.put("Anna 19900101-2384.json", "{\"requestId\": ".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Folders.drop(inbox, file.getKey(), file.getValue());
        }
        Folders.drop(inbox, "bom.json", "\uFEFF" + Queries.online("bom", Persons.known(7)));

        Path errors = data.resolve("error/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(errors).size() == 2 * files.size()
                && Files.exists(data.resolve("outbox/online/bom.json")));
        assertThat(reason(errors, "latin1.json")).isEqualTo("the file is not UTF-8 text (byte offset 16)");
        assertThat(reason(errors, "nested.json")).startsWith("nested more than 20 levels deep");
        assertThat(reason(errors, "huge-string.json")).contains("string longer than 1000")
                .contains("bundle.input.max-string-length");
        assertThat(reason(errors, "too-big.json")).contains("over the limit of 4096 (bundle.input.max-bytes)");
        assertThat(reason(errors, "trailing.json")).startsWith("has more after the JSON value (line 2");
        assertThat(JSON.readTree(Folders.read(errors.resolve("Anna 19900101-2384.json.error.json"))).path("file")
                .asText()).as("masked as in the log").isEqualTo("Anna [personnummer].json");
        assertThat(BundleHttp.get(bundle, "/observe/metrics").body())
                .contains("bundle_files_set_aside_total{inbox=\"online\"} " + files.size() + ".0");
        String console = BundleHttp.get(bundle, "/console/status.json").body();
        assertThat(console).contains("Anna [personnummer].json").doesNotContain("19900101").doesNotContain("2384");
        assertThat(JSON.readTree(Folders.read(data.resolve("outbox/online/bom.json"))).path("status").asText())
                .isEqualTo("OK");
        assertThat(sandbox.onlineAnswers()).as("only the file with a byte order mark reached FK").isEqualTo(1);
    }

    @Test
    void anUnknownExtensionIsReportedOnceALinkIsNeverFollowedAndExtensionsAreReadInAnyCase() throws Exception {
        Path inbox = bundle.dir("inbox/online");
        Path outside = Files.writeString(data.resolveSibling(data.getFileName() + "-outside.json"), "{\n  secret: 1\n}");
        Files.createSymbolicLink(inbox.resolve("link.json"), outside);
        Folders.drop(inbox, "notes.txt", "a note");
        Folders.drop(inbox, "UPPER.JSON", Queries.online("upper", Persons.known(12)));

        Path errors = data.resolve("error/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(errors).size() == 4
                && Files.exists(data.resolve("outbox/online/upper.json")));
        assertThat(reason(errors, "notes.txt")).isEqualTo("this inbox reads .json files only, whatever their case");
        assertThat(reason(errors, "link.json")).startsWith("a symbolic link").doesNotContain("line");
        assertThat(Files.isSymbolicLink(errors.resolve("link.json"))).as("the link itself set aside").isTrue();
        assertThat(Folders.read(outside)).as("the target untouched").isEqualTo("{\n  secret: 1\n}");
        assertThat(Folders.names(inbox)).isEmpty();
        Files.delete(outside);
    }

    @Test
    void unreadableMessagesAreAnsweredAndDeadLetteredAtTheFirstReadingAndNothingEndsInTheBrokersDlq()
            throws Exception {
        EmbeddedBroker broker = bundle.context().getRegistry().lookupByNameAndType("embeddedBroker",
                EmbeddedBroker.class);
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("broken.replies");
            BytesMessage empty = jms.createBytesMessage();
            TextMessage bomb = jms.createTextMessage("[".repeat(2000) + "]".repeat(2000));
            TextMessage tooBig = jms.createTextMessage("x".repeat(MAX_BYTES + 1));
            StreamMessage stream = jms.createStreamMessage();
            stream.writeString(Persons.known(8));
            BytesMessage latin1 = jms.createBytesMessage();
            latin1.writeBytes("{\"requestId\": \"\u00e5\"}".getBytes(StandardCharsets.ISO_8859_1));
            Map<String, Message> messages = Map.of("empty", empty, "bomb", bomb, "too-big", tooBig, "stream", stream,
                    "latin1", latin1);
            for (Map.Entry<String, Message> message : messages.entrySet()) {
                message.getValue().setJMSReplyTo(replies);
                message.getValue().setJMSCorrelationID(message.getKey());
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), message.getValue());
            }
            Map<String, String> answers = new HashMap<>();
            Map<String, String> deadLetters = new HashMap<>();
            try (JMSConsumer answered = jms.createConsumer(replies);
                 JMSConsumer dead = jms.createConsumer(jms.createQueue("lefi.dead-letter"))) {
                for (int i = 0; i < messages.size(); i++) {
                    TextMessage answer = (TextMessage) answered.receive(30_000);
                    JsonNode result = JSON.readTree(answer.getText());
                    assertThat(result.path("status").asText()).isEqualTo("REJECTED");
                    answers.put(answer.getJMSCorrelationID(), result.path("error").path("reason").asText());
                    Message letter = dead.receive(10_000);
                    deadLetters.put(letter.getJMSCorrelationID(), letter.getStringProperty("LefiDeadLetterReason"));
                }
            }
            assertThat(answers).containsOnlyKeys(messages.keySet()).isEqualTo(deadLetters);
            assertThat(answers.get("empty")).isEqualTo("the input is empty");
            assertThat(answers.get("bomb")).startsWith("nested more than 20 levels deep");
            assertThat(answers.get("too-big")).contains("over the limit of 4096");
            assertThat(answers.get("stream")).startsWith("unsupported message type: StreamMessage");
            assertThat(answers.get("latin1")).isEqualTo("the message is not UTF-8 text (byte offset 15)");
        }
        assertThat(broker.messagesAdded(EmbeddedBroker.DEAD_LETTERS)).as("the broker's own DLQ").isZero();
        assertThat(broker.messagesAdded("lefi.online.requests")).as("each read once").isEqualTo(5);
        assertThat(sandbox.onlineAnswers()).isZero();
    }

    @Test
    void aFileWhoseNameIsTooLongToArchiveWithATimeIsAskedOnceAndArchivedUnderAShorterName() throws Exception {
        String name = "q".repeat(250) + ".json";
        Folders.drop(bundle.dir("inbox/online"), name, Queries.online("long-name", Persons.known(9)));

        Path archive = data.resolve("archive/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(archive).size() == 1
                && Files.exists(data.resolve("outbox/online/long-name.json")));
        String archived = Folders.names(archive).get(0);
        assertThat(archived).startsWith("q".repeat(200)).endsWith(".json");
        assertThat(archived.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(Folders.names(bundle.dir("inbox/online"))).isEmpty();
        assertThat(sandbox.onlineAnswers()).isEqualTo(1);
    }

    @Test
    void anAnswerThatCannotBeDeliveredGoesToTheDeadLetterQueueAndFkIsAskedOnce() throws Exception {
        // where the online outbox should be, a file: no answer can be written there
        Files.createDirectories(data.resolve("outbox"));
        Files.writeString(data.resolve("outbox/online"), "in the way");
        Folders.drop(bundle.dir("inbox/online"), "blocked.json", Queries.online("blocked", Persons.known(10)));

        try (JMSContext jms = bundle.jmsClient().createContext();
             JMSConsumer dead = jms.createConsumer(jms.createQueue("lefi.dead-letter"))) {
            Message letter = dead.receive(30_000);
            assertThat(letter).isNotNull();
            assertThat(letter.getStringProperty("LefiDeadLetterReason")).startsWith("the call was made");
            assertThat(letter.getStringProperty("LefiDeadLetterSource")).isEqualTo("online-lane");
        }
        EmbeddedBroker broker = bundle.context().getRegistry().lookupByNameAndType("embeddedBroker",
                EmbeddedBroker.class);
        assertThat(broker.messagesAdded("lefi.lane.online")).isEqualTo(1);
        assertThat(broker.messageCount("lefi.lane.online")).as("nothing left to redeliver").isZero();
        assertThat(sandbox.onlineAnswers()).as("FK asked once").isEqualTo(1);
    }

    @Test
    void aLaneMessageAskingForACallThatIsNotTheLanesGoesToTheDeadLetterQueueUnread() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext();
             JMSConsumer dead = jms.createConsumer(jms.createQueue("lefi.dead-letter"))) {
            TextMessage forged = jms.createTextMessage(Queries.online("forged", Persons.known(11)));
            forged.setStringProperty("FkCall", "reply");
            forged.setStringProperty("LefiKind", "../../../escaped");
            forged.setStringProperty("LefiRequestId", "${date:now}");
            jms.createProducer().send(jms.createQueue("lefi.lane.online"), forged);

            Message letter = dead.receive(30_000);
            assertThat(letter).isNotNull();
            assertThat(letter.getStringProperty("LefiDeadLetterReason")).isEqualTo("not a call of the online lane");
        }
        assertThat(sandbox.onlineAnswers()).isZero();
        assertThat(Files.exists(data.resolve("../../escaped"))).isFalse();
    }

    private static String reason(Path errors, String file) throws Exception {
        return JSON.readTree(Folders.read(errors.resolve(file + ".error.json"))).path("error").asText();
    }
}
