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
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** An online query from a file and from JMS reaches FK and is answered, in each API version. */
class OnlineQueriesIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void fileQueryIsAnsweredInTheOutbox(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.version", version));
        String person = Persons.known(1);
        Folders.drop(bundle.dir("inbox/online"), "query.json", """
                {"requestId": "case-4711", "personnummer": "%s-%s", "benefits": ["SJUKPENNING", "BOSTADSBIDRAG"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(person.substring(0, 8), person.substring(8)));

        Path answer = data.resolve("outbox/online/case-4711.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));

        String text = Folders.read(answer);
        JsonNode result = JSON.readTree(text);
        assertThat(result.path("status").asText()).isEqualTo("OK");
        assertThat(text).contains("\"amount\"");
        assertThat(text).as("amounts keep FK's two decimals").doesNotContainPattern("\"amount\" : (?!\\d+\\.\\d{2}[,\\s])");
        assertThat(result.path("personnummer").asText()).isEqualTo(person);
        assertThat(result.path("apiVersion").asText()).isEqualTo(version);
        assertThat(result.path("benefits").isArray()).isTrue();
        assertThat(Folders.names(data.resolve("archive/online"))).singleElement().asString().startsWith("query-");
        assertThat(sandbox.wasAskedAbout(person)).isTrue();
        assertAudited("case-4711", "file", version, person);
    }

    private void assertAudited(String requestId, String channel, String version, String person) throws Exception {
        DataSource db = bundle.context().getRegistry().lookupByNameAndType("bundleDataSource", DataSource.class);
        try (Connection connection = db.getConnection();
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT channel, person, purpose, api_version, outcome, organisation FROM audit_log "
                             + "WHERE reference = '" + requestId + "'")) {
            assertThat(row.next()).as("audit row for " + requestId).isTrue();
            assertThat(row.getString("channel")).isEqualTo(channel);
            assertThat(row.getString("api_version")).isEqualTo(version);
            assertThat(row.getString("outcome")).isEqualTo("OK");
            assertThat(row.getString("purpose")).isEqualTo("HANDLAGGNING");
            assertThat(row.getString("organisation")).hasSize(10);
            assertThat(row.getString("person")).hasSize(32).doesNotContain(person.substring(2));
            assertThat(row.next()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void jmsQueryIsAnsweredToItsReplyDestination(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.version", version));
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("test.replies");
            ask(jms, replies, "corr-1", Persons.known(2));
            ask(jms, replies, "corr-2", Persons.personnummer("19700101", 991));
            ask(jms, replies, "corr-3", Persons.personnummer("19700101", 981));
            Set<String> answered = new HashSet<>();

            JMSConsumer consumer = jms.createConsumer(replies);
            for (int i = 0; i < 3; i++) {
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                assertThat(reply).as("reply %d", i).isNotNull();
                JsonNode result = JSON.readTree(reply.getText());
                assertThat(result.path("apiVersion").asText()).isEqualTo(version);
                String expected = switch (reply.getJMSCorrelationID()) {
                    case "corr-1" -> "OK";
                    case "corr-2" -> "NOT_FOUND";
                    case "corr-3" -> "PROTECTED";
                    default -> throw new AssertionError("unexpected correlation id " + reply.getJMSCorrelationID());
                };
                assertThat(result.path("status").asText()).isEqualTo(expected);
                answered.add(reply.getJMSCorrelationID());
                if (expected.equals("PROTECTED")) {
                    assertThat(result.has("personnummer")).isFalse();
                    assertThat(result.has("benefits")).isFalse();
                }
            }
            assertThat(answered).as("each query answered once").containsExactlyInAnyOrder("corr-1", "corr-2", "corr-3");
        }
    }

    private static void ask(JMSContext jms, Queue replies, String correlationId, String personnummer)
            throws Exception {
        TextMessage request = jms.createTextMessage("""
                {"personnummer": "%s", "benefits": ["ALDERSPENSION"], "from": "2026-01-01", "to": "2026-03-31",
                 "purpose": "PENSIONSPROGNOS"}""".formatted(personnummer));
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID(correlationId);
        jms.createProducer().send(jms.createQueue("lefi.online.requests"), request);
    }
}
