package se.lefileka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestCertificates;

/**
 * The embedded broker's optional TLS acceptor ({@code jms.embedded.tls-acceptor}): a producer on
 * another host sends its query over TLS, trusting the broker's certificate, and gets its answer;
 * the same port spoken to without TLS lets nothing through; the users are those of the plain acceptor.
 */
class BrokerTlsIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path certificatesDir;

    @Test
    void aProducerSendsOverTlsAndGetsItsAnswerAndAPlainClientGetsNothingThrough() throws Exception {
        TestCertificates certificates = TestCertificates.make(certificatesDir);
        Path password = Files.writeString(certificatesDir.resolve("password"), TestCertificates.PASSWORD + "\n");
        int tlsPort = RunningBundle.freePort();
        bundle = RunningBundle.start(data, sandbox, Map.of("jms.embedded.tls-acceptor", "tcp://127.0.0.1:" + tlsPort,
                "jms.embedded.tls.key-store", certificates.store("server").toString(),
                "jms.embedded.tls.key-store-password-file", password.toString()));

        String tls = "tcp://127.0.0.1:" + tlsPort + "?sslEnabled=true&trustStoreType=PKCS12&trustStorePath="
                + certificates.store("trust") + "&trustStorePassword=" + TestCertificates.PASSWORD;
        try (JMSContext jms = new ActiveMQConnectionFactory(tls, "producer", RunningBundle.PRODUCER_PASSWORD)
                .createContext()) {
            jakarta.jms.Queue replies = jms.createQueue("tls.replies");
            JMSConsumer answers = jms.createConsumer(replies);
            TextMessage request = jms.createTextMessage(Queries.online("tls-1", Persons.known(12)));
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);
            String answer = answers.receiveBody(String.class, 30_000);
            assertThat(answer).as("an answer over TLS").isNotNull();
            assertThat(JSON.readTree(answer).path("requestId").asText()).isEqualTo("tls-1");
        }

        ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + tlsPort
                + "?callTimeout=3000&initialConnectAttempts=1&reconnectAttempts=0", "producer",
                RunningBundle.PRODUCER_PASSWORD);
        assertThat(catchThrowable(() -> plain.createContext().close())).as("no TLS, no connection").isNotNull();
        ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(tls);
        assertThat(catchThrowable(() -> anonymous.createContext().close())).as("TLS, but no user").isNotNull();
    }
}
