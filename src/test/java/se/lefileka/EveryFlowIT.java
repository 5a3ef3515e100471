package se.lefileka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import se.lefileka.support.BrokerProcess;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.Postgres;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * Every flow (online queries from a file and over JMS, a mass batch, a subscription command, LEKA
 * notifications, the audit export) end to end, on the embedded broker and database and on what an
 * integration team runs in production: a standalone Artemis broker in its own JVM that lets in only
 * the bundle's user, and a real PostgreSQL server. Every disclosure is audited with the person
 * pseudonymised, and the audit log exported as CSV.
 */
class EveryFlowIT extends BundleTestSupport {

    @TempDir
    Path brokerFolder;
    private BrokerProcess externalBroker;

    @AfterEach
    void stopTheExternalBroker() throws Exception {
        if (externalBroker != null) {
            externalBroker.close();
        }
    }

    private static final String HEADER = "at,organisation,channel,reference,person,purpose,api_version,outcome,source";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "external broker and PostgreSQL"})
    void everyFlowIsAnsweredAuditedAndTheLogIsExportedAsCsv(String infrastructure) throws Exception {
        List<String> notifications = Notifications.publish(sandbox, 2);
        Map<String, String> settings = new HashMap<>(Map.of(
                "leka.notifications.endpoints", "file:" + data.resolve("outbox/notifications") + "?tempPrefix=.",
                "leka.notifications.first-fetch-millis", "100"));
        String postgres = null;
        if (!"embedded".equals(infrastructure)) {
            externalBroker = BrokerProcess.start(brokerFolder.resolve("broker"));
            postgres = Postgres.newDatabase();
            Path password = Files.writeString(brokerFolder.resolve("password"), BrokerProcess.PASSWORD + "\n");
            settings.putAll(Map.of("jms.broker.url", externalBroker.url(), "jms.broker.user", BrokerProcess.USER,
                    "jms.broker.password-file", password.toString(), "bundle.db.url", postgres,
                    "bundle.db.user", "postgres", "bundle.db.password", ""));
        }
        bundle = RunningBundle.start(data, sandbox, settings);
        ConnectionFactory jms = externalBroker != null ? externalBroker.client() : bundle.jmsClient();
        List<String> persons = List.of(Persons.known(400), Persons.known(401), Persons.known(402), Persons.known(403),
                Persons.known(404));
        Folders.drop(bundle.dir("inbox/online"), "q.json", """
                {"requestId": "q-1", "personnummer": "%s", "benefits": ["SJUKPENNING"], "from": "2026-01-01",
                 "to": "2026-06-30", "purpose": "SAMORDNING"}""".formatted(persons.get(0)));
        Folders.drop(bundle.dir("inbox/subscriptions"), "s.json", """
                {"requestId": "s-1", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                .formatted(persons.get(1)));
        Folders.drop(bundle.dir("inbox/mass"), "kommun.csv", "personnummer,benefits,from,to\n"
                + persons.get(2) + ",SJUKPENNING,2026-01-01,2026-06-30\n"
                + persons.get(3) + ",SJUKPENNING,2026-01-01,2026-06-30\n");
        String jmsAnswer;
        try (JMSContext context = jms.createContext()) {
            TextMessage request = context.createTextMessage(Queries.online("j-1", persons.get(4)));
            request.setJMSReplyTo(context.createQueue("legacy.answers"));
            context.createProducer().send(context.createQueue("lefi.online.requests"), request);
            jmsAnswer = context.createConsumer(context.createQueue("legacy.answers")).receiveBody(String.class, 60_000);
        }
        assertThat(jmsAnswer).as("the JMS query's answer").contains("\"requestId\" : \"j-1\"", "\"status\" : \"OK\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("outbox/mass/kommun.summary.json"))
                && Files.exists(data.resolve("outbox/online/q-1.json"))
                && Files.exists(data.resolve("outbox/subscriptions/s-1.json"))
                && sandbox.unacknowledgedNotifications() == 0);

        Folders.drop(bundle.dir("inbox/audit"), "all.json", "{}");
        Folders.drop(bundle.dir("inbox/audit"), "last-year.json", "{\"from\": \"2025-01-01\", \"to\": \"2025-12-31\"}");
        Folders.drop(bundle.dir("inbox/audit"), "bad.json", "{\"from\": \"yesterday\"}");
        Path csv = data.resolve("outbox/audit/all.csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv)
                && Files.exists(data.resolve("outbox/audit/last-year.csv"))
                && Files.exists(data.resolve("error/audit/bad.json.error.json")));

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        assertThat(Files.readAllLines(data.resolve("outbox/audit/last-year.csv"))).containsExactly(HEADER);
        assertThat(Folders.read(data.resolve("error/audit/bad.json.error.json"))).contains("from is not a date");
        ObjectReader reader = new CsvMapper().readerFor(String[].class).with(CsvSchema.emptySchema());
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(reader.readValue(line));
        }
        assertThat(rows).hasSize(7).allSatisfy(r -> assertThat(r[8]).as("answered by FK").isEqualTo("FK"));
        assertThat(row(rows, "q-1")).containsSubsequence("file", "q-1").contains("SAMORDNING", "v2", "OK");
        assertThat(row(rows, "s-1")).contains("file", "REGISTERED");
        assertThat(rows.stream().filter(r -> r[3].matches("[0-9a-f-]{36}:[12]")).toList()).hasSize(2)
                .allSatisfy(r -> assertThat(r).contains("file", "HANDLAGGNING", "OK"));
        for (String id : notifications) {
            assertThat(row(rows, id)).contains("leka", "DELIVERED");
        }
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[1]).isEqualTo("2120000142");
            assertThat(r[4]).as("the person as a pseudonym").matches("[0-9a-f]{32}");
        });
        assertThat(rows.stream().map(r -> r[4]).distinct()).as("one pseudonym per person").hasSize(7);
        assertThat(row(rows, "j-1")).contains("jms", "OK");
        // the queue depths, from the embedded broker or through the external one's management API
        try (JMSContext context = jms.createContext()) {
            context.createProducer().send(context.createQueue("lefi.dead-letter"), "set aside by an operator");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(BundleHttp.get(bundle, "/observe/metrics")
                .body()).contains("bundle_queue_depth{queue=\"lefi.dead-letter\"} 1.0",
                "bundle_queue_depth{queue=\"lefi.lane.online\"} 0.0"));
        if (postgres != null) {
            assertThat(new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres, "postgres", ""))
                    .queryForObject("SELECT COUNT(*) FROM audit_log", Long.class)).as("the log is PostgreSQL's")
                    .isEqualTo(7);
            assertThat(data.resolve("db")).as("no embedded database").doesNotExist();
            assertThat(data.resolve("broker")).as("no embedded broker").doesNotExist();
        }
        String text = Files.readString(csv);
        for (String person : persons) {
            assertThat(text).doesNotContain(person).doesNotContain(person.substring(2));
        }
    }

    private static String[] row(List<String[]> rows, String reference) {
        return rows.stream().filter(r -> r[3].equals(reference)).findFirst()
                .orElseThrow(() -> new AssertionError("no audit row for " + reference));
    }
}
