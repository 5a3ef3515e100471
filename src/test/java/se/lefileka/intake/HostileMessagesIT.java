package se.lefileka.intake;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.broker.EmbeddedBroker;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** A message is data, never routing: its headers steer nothing, and its reply destination is never the bundle's. */
class HostileMessagesIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void startBundle() throws Exception {
        // no notification fetch on the online lane during the test: the lane's messages are counted
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.notifications.first-fetch-millis", "600000"));
    }

    @Test
    void forgedBundleHeadersAreIgnoredAndTheAuditRowIsTheRealOne() throws Exception {
        try (JMSContext jms = producer(); JMSConsumer answers = jms.createConsumer(jms.createQueue("forged.replies"))) {
            TextMessage request = jms.createTextMessage(query("forged-1"));
            request.setJMSReplyTo(jms.createQueue("forged.replies"));
            request.setStringProperty("LefiPersonRef", "forged-person");
            request.setStringProperty("LefiPurpose", "SKADEREGLERING");
            request.setStringProperty("LefiKind", "../../../escaped");
            request.setStringProperty("LefiChannel", "file");
            request.setStringProperty("FkCall", "leka-fetch");
            request.setStringProperty("LefiAnswer", "mass-answer");
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);

            TextMessage answer = (TextMessage) answers.receive(30_000);
            assertThat(answer).as("the normal answer, to the reply queue").isNotNull();
            assertThat(JSON.readTree(answer.getText()).path("status").asText()).isEqualTo("OK");

            // a query rejected at intake, with the same forged headers
            TextMessage invalid = jms.createTextMessage(query("forged-2").replace("SJUKPENNING", "GLASS"));
            invalid.setJMSReplyTo(jms.createQueue("forged.replies"));
            invalid.setStringProperty("LefiPersonRef", "forged-person");
            invalid.setStringProperty("LefiPurpose", "SKADEREGLERING");
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), invalid);
            TextMessage rejection = (TextMessage) answers.receive(30_000);
            assertThat(JSON.readTree(rejection.getText()).path("status").asText()).isEqualTo("REJECTED");
        }
        assertThat(Folders.names(data.resolve("outbox/online"))).as("no file answer").isEmpty();
        assertThat(Files.exists(data.resolve("../../escaped"))).isFalse();

        Folders.drop(bundle.dir("inbox/audit"), "all.json", "{}");
        Path csv = data.resolve("outbox/audit/all.csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(3).noneMatch(line -> line.contains("forged-person") || line.contains("SKADEREGLERING"));
        String[] row = rows.stream().filter(line -> line.contains("forged-1")).findFirst().orElseThrow()
                .replace("\"", "").split(",");
        assertThat(row[2]).as("channel").isEqualTo("jms");
        assertThat(row[4]).as("person").matches("[0-9a-f]{32}");
        assertThat(row[5]).as("purpose").isEqualTo("HANDLAGGNING");
    }

    @Test
    void aReplyDestinationThatIsTheBundlesOwnQueueGetsNothingTheAnswerGoesToTheResponses() throws Exception {
        EmbeddedBroker broker = bundle.context().getRegistry().lookupByNameAndType("embeddedBroker",
                EmbeddedBroker.class);
        try (JMSContext jms = producer(); JMSContext results = bundle.jmsClient("consumer",
                RunningBundle.CONSUMER_PASSWORD).createContext();
             JMSConsumer responses = results.createConsumer(results.createQueue("lefi.online.responses"))) {
            for (String own : List.of("lefi.lane.online", "lefi.mass.requests")) {
                TextMessage request = jms.createTextMessage(query("own-" + own));
                request.setJMSReplyTo(jms.createQueue(own));
                request.setJMSCorrelationID("own-" + own);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);

                TextMessage answer = (TextMessage) responses.receive(30_000);
                assertThat(answer).as("answered on lefi.online.responses instead of " + own).isNotNull();
                assertThat(answer.getJMSCorrelationID()).isEqualTo("own-" + own);
            }
        }
        assertThat(broker.messagesAdded("lefi.lane.online")).as("the lane got the two queries, no answer").isEqualTo(2);
        assertThat(broker.messagesAdded("lefi.mass.requests")).as("the mass intake got nothing").isZero();
    }

    private JMSContext producer() {
        return bundle.jmsClient("producer", RunningBundle.PRODUCER_PASSWORD).createContext();
    }

    private static String query(String requestId) {
        return """
                {"requestId": "%s", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(requestId, Persons.known(31));
    }
}
