package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** The JMS intake reads text and UTF-8 bytes only; no other kind of message is read, and no object is deserialized. */
class JmsMessageTypesIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A class whose deserialization would run code: it only sets a flag. */
    public static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            deserialized = true;
            in.defaultReadObject();
        }
    }

    @BeforeEach
    void startBundle() throws Exception {
        Tripwire.deserialized = false;
        bundle = RunningBundle.start(data, sandbox, Map.of());
    }

    @Test
    void anObjectMessageIsNeverDeserializedAndGoesToTheDeadLetterQueueWithItsReason() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            assertRefused(jms, jms.createObjectMessage(new Tripwire()), "object-1", "ObjectMessage");
        }
        assertThat(Tripwire.deserialized).as("the object was deserialized").isFalse();
        assertThat(sandbox.onlineAnswers()).isZero();
    }

    @Test
    void mapAndStreamMessagesAreRefusedUnread() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            MapMessage map = jms.createMapMessage();
            map.setString("personnummer", Persons.known(1));
            assertRefused(jms, map, "map-1", "MapMessage");
            StreamMessage stream = jms.createStreamMessage();
            stream.writeString(Persons.known(2));
            assertRefused(jms, stream, "stream-1", "StreamMessage");
        }
        assertThat(sandbox.onlineAnswers()).isZero();
    }

    @Test
    void aBytesMessageHoldingAQueryInUtf8IsAnswered() throws Exception {
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("bytes.replies");
            BytesMessage request = jms.createBytesMessage();
            request.writeBytes("""
                    {"requestId": "bytes-1", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                     "from": "2026-01-01", "to": "2026-06-30", "purpose": "SAMORDNING"}"""
                    .formatted(Persons.known(3)).getBytes(StandardCharsets.UTF_8));
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);

            TextMessage answer = (TextMessage) jms.createConsumer(replies).receive(30_000);
            assertThat(answer).isNotNull();
            JsonNode result = JSON.readTree(answer.getText());
            assertThat(result.path("requestId").asText()).isEqualTo("bytes-1");
            assertThat(result.path("status").asText()).isEqualTo("OK");
        }
    }

    private static void assertRefused(JMSContext jms, Message request, String correlationId, String kind)
            throws Exception {
        Queue replies = jms.createQueue("refused." + correlationId);
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID(correlationId);
        jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);

        try (JMSConsumer answers = jms.createConsumer(replies);
             JMSConsumer deadLetters = jms.createConsumer(jms.createQueue("lefi.dead-letter"))) {
            TextMessage answer = (TextMessage) answers.receive(30_000);
            assertThat(answer).as("an error answer").isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo(correlationId);
            JsonNode result = JSON.readTree(answer.getText());
            assertThat(result.path("status").asText()).isEqualTo("REJECTED");
            assertThat(result.path("error").path("reason").asText()).contains("unsupported message type: " + kind);

            Message dead = deadLetters.receive(10_000);
            assertThat(dead).as("on the dead-letter queue").isNotNull();
            assertThat(dead.getStringProperty("LefiDeadLetterReason")).contains("unsupported message type: " + kind);
            assertThat(((TextMessage) dead).getText()).as("nothing of the request is kept").isEmpty();
        }
    }
}
