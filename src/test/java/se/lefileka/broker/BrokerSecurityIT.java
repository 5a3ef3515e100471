package se.lefileka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/**
 * Legacy producers connect to the embedded broker with ActiveMQ 5 (OpenWire) and AMQP clients as
 * well as Artemis's own, and only with credentials; each queue lets in only whom it should.
 */
class BrokerSecurityIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void startBundle() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
    }

    @Test
    void anActiveMq5ClientSendsAQueryOverOpenWireAndGetsItsAnswer() throws Exception {
        javax.jms.ConnectionFactory openWire = new org.apache.activemq.ActiveMQConnectionFactory(openWireUrl());
        try (javax.jms.Connection connection = openWire.createConnection("producer", RunningBundle.PRODUCER_PASSWORD)) {
            connection.start();
            javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.Queue replies = session.createQueue("legacy.openwire.replies");
            javax.jms.MessageConsumer answers = session.createConsumer(replies);
            javax.jms.TextMessage request = session.createTextMessage(query("openwire-1"));
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("ow-1");
            session.createProducer(session.createQueue("lefi.online.requests")).send(request);

            javax.jms.TextMessage answer = (javax.jms.TextMessage) answers.receive(30_000);
            assertThat(answer).as("an answer over OpenWire").isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo("ow-1");
            assertAnswered(answer.getText(), "openwire-1");
        }
    }

    @Test
    void anAmqpClientSendsAQueryAndGetsItsAnswer() throws Exception {
        try (JMSContext jms = new JmsConnectionFactory(amqpUrl()).createContext("producer",
                RunningBundle.PRODUCER_PASSWORD)) {
            jakarta.jms.Queue replies = jms.createQueue("legacy.amqp.replies");
            JMSConsumer answers = jms.createConsumer(replies);
            jakarta.jms.TextMessage request = jms.createTextMessage(query("amqp-1"));
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("amqp-1");
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);

            jakarta.jms.TextMessage answer = (jakarta.jms.TextMessage) answers.receive(30_000);
            assertThat(answer).as("an answer over AMQP").isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo("amqp-1");
            assertAnswered(answer.getText(), "amqp-1");
        }
    }

    @Test
    void withoutCredentialsNoProtocolLetsAClientIn() {
        assertRefused(catchThrowable(() -> bundle.jmsClient(null, null).createContext().close()));
        assertRefused(catchThrowable(() -> {
            try (javax.jms.Connection connection =
                         new org.apache.activemq.ActiveMQConnectionFactory(openWireUrl()).createConnection()) {
                connection.start();
                javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("lefi.online.requests"))
                        .send(session.createTextMessage(query("anonymous")));
            }
        }));
        assertRefused(catchThrowable(() -> {
            try (JMSContext anonymous = new JmsConnectionFactory(amqpUrl()).createContext()) {
                anonymous.createProducer().send(anonymous.createQueue("lefi.online.requests"), query("anonymous"));
            }
        }));
        assertRefused(catchThrowable(() -> bundle.jmsClient("producer", "a wrong password").createContext().close()));
    }

    @Test
    void aProducerCannotReadAnswersOrDeadLettersAndAConsumerCannotSendToALane() {
        try (JMSContext producer = bundle.jmsClient("producer", RunningBundle.PRODUCER_PASSWORD).createContext()) {
            assertRefused(catchThrowable(() -> producer.createConsumer(producer.createQueue("lefi.online.responses"))));
            assertRefused(catchThrowable(() -> producer.createConsumer(producer.createQueue("lefi.dead-letter"))));
            assertRefused(catchThrowable(() -> producer.createConsumer(producer.createQueue("lefi.lane.online"))));
        }
        try (JMSContext consumer = bundle.jmsClient("consumer", RunningBundle.CONSUMER_PASSWORD).createContext()) {
            assertRefused(catchThrowable(() -> consumer.createProducer()
                    .send(consumer.createQueue("lefi.lane.online"), "{}")));
            assertRefused(catchThrowable(() -> consumer.createProducer()
                    .send(consumer.createQueue("lefi.online.requests"), "{}")));
            consumer.createConsumer(consumer.createQueue("lefi.online.responses")).close();
        }
        assertThat(sandbox.judge().calls(se.lefileka.sandbox.Budget.ONLINE)).isZero();
    }

    @Test
    void anAcceptorOtherHostsCanReachWithSecurityOffRefusesToStart() throws Exception {
        Throwable refused = catchThrowable(() -> RunningBundle.start(data.resolve("open"), sandbox, Map.of(
                "jms.embedded.security", "false",
                "jms.embedded.acceptor", "tcp://0.0.0.0:" + RunningBundle.freePort())));
        assertThat(refused).hasStackTraceContaining("jms.embedded.security is false")
                .hasStackTraceContaining("Set jms.embedded.security=true");
    }

    private static void assertRefused(Throwable thrown) {
        assertThat(thrown).as("refused").isNotNull();
        assertThat(thrown.getClass().getSimpleName() + ": " + thrown.getMessage()).as("a security refusal")
                .containsAnyOf("Security", "AMQ229031", "AMQ229032", "AMQ229213", "permission");
    }

    private String openWireUrl() {
        return "tcp://127.0.0.1:" + bundle.brokerPort();
    }

    private String amqpUrl() {
        return "amqp://127.0.0.1:" + bundle.brokerPort();
    }

    private static void assertAnswered(String text, String requestId) throws Exception {
        JsonNode result = JSON.readTree(text);
        assertThat(result.path("requestId").asText()).isEqualTo(requestId);
        assertThat(result.path("status").asText()).isEqualTo("OK");
    }

    private static String query(String requestId) {
        return """
                {"requestId": "%s", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(requestId, Persons.known(11));
    }
}
