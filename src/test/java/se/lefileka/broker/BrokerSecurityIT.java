package se.lefileka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import java.time.Duration;
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
        bundle = RunningBundle.start(data, sandbox, Map.of("jms.embedded.producers", "kommun-a, kommun-b",
                "jms.embedded.producer.kommun-a.password", "a-test-secret",
                "jms.embedded.producer.kommun-b.password", "b-test-secret"));
    }

    @Test
    void noProducerListensInOnOthersRequestsAndAnswersNorReadsAnotherProducersReplies() throws Exception {
        try (JMSContext legacy = bundle.jmsClient("producer", RunningBundle.PRODUCER_PASSWORD).createContext();
             JMSContext a = bundle.jmsClient("kommun-a", "a-test-secret").createContext();
             JMSContext b = bundle.jmsClient("kommun-b", "b-test-secret").createContext()) {
            JMSConsumer wildcard = legacy.createConsumer(legacy.createTopic("lefi.#"));
            JMSConsumer everything = legacy.createConsumer(legacy.createTopic("#"));
            jakarta.jms.Queue aReplies = a.createQueue("kommun-a.replies");
            JMSConsumer answers = a.createConsumer(aReplies);
            assertRefused(catchThrowable(() -> b.createConsumer(b.createQueue("kommun-a.replies"))));
            assertRefused(catchThrowable(() -> b.createBrowser(b.createQueue("kommun-a.replies")).getEnumeration()));
            assertRefused(catchThrowable(() -> legacy.createConsumer(legacy.createQueue("kommun-a.replies"))));
            assertRefused(catchThrowable(() -> a.createConsumer(a.createQueue("legacy.replies"))));

            jakarta.jms.TextMessage request = a.createTextMessage(query("kommun-a-1"));
            request.setJMSReplyTo(aReplies);
            a.createProducer().send(a.createQueue("lefi.online.requests"), request);
            jakarta.jms.TextMessage answer = (jakarta.jms.TextMessage) answers.receive(30_000);
            assertThat(answer).as("kommun-a's answer on its own reply queue").isNotNull();
            assertAnswered(answer.getText(), "kommun-a-1");

            assertThat(wildcard.receive(500)).as("nothing on lefi.#").isNull();
            assertThat(everything.receive(500)).as("nothing on #").isNull();
        }
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
            assertThat(sandbox.onlineAnswers()).as("FK asked once").isEqualTo(1);
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
            assertThat(sandbox.onlineAnswers()).as("FK asked once").isEqualTo(1);
        }
    }

    @Test
    void anAmqpClientListeningOnItsReplyNameAsATopicGetsItsAnswerAndFkIsAskedOnce() throws Exception {
        try (JMSContext jms = new JmsConnectionFactory(amqpUrl()).createContext("producer",
                RunningBundle.PRODUCER_PASSWORD)) {
            // the client listens first, so the broker makes the address as the client asks: multicast
            JMSConsumer answers = jms.createConsumer(jms.createTopic("legacy.replies.amqp"));
            jakarta.jms.TextMessage request = jms.createTextMessage(query("amqp-topic-1"));
            request.setJMSReplyTo(jms.createQueue("legacy.replies.amqp"));
            request.setJMSCorrelationID("amqp-topic-1");
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);

            jakarta.jms.TextMessage answer = (jakarta.jms.TextMessage) answers.receive(30_000);
            assertThat(answer).as("the answer, sent as the address takes it").isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo("amqp-topic-1");
            assertAnswered(answer.getText(), "amqp-topic-1");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> sandbox.onlineAnswers() == 1);
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
