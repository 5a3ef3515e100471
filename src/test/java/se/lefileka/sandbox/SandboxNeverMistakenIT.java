package se.lefileka.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** Answers the built-in sandbox made up say so everywhere, and a real installation never starts on it. */
class SandboxNeverMistakenIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EMBEDDED_SANDBOX = Map.of("lefi.sandbox.enabled", "true",
            "lefi.url", "", "leka.url", "");

    @Test
    void answersFromTheEmbeddedSandboxSaySoInResultsSummaryAuditAndHealth() throws Exception {
        bundle = RunningBundle.start(data, sandbox, EMBEDDED_SANDBOX);
        Folders.drop(bundle.dir("inbox/online"), "q.json", query("made-up"));
        Folders.drop(bundle.dir("inbox/subscriptions"), "s.json", """
                {"requestId": "made-up-s", "action": "CHECK", "personnummer": "%s"}""".formatted(Persons.known(7)));
        // every third row bad: the bundle rejects it before any call, so it carries no source
        MassRows rows = MassRows.of(10, 3);
        Folders.drop(bundle.dir("inbox/mass"), "made-up.csv", rows.csv());

        Path answer = data.resolve("outbox/online/made-up.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
        assertThat(JSON.readTree(answer.toFile()).path("source").asText()).isEqualTo("SANDBOX");
        Path subscription = data.resolve("outbox/subscriptions/made-up-s.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(subscription));
        assertThat(JSON.readTree(subscription.toFile()).path("source").asText()).isEqualTo("SANDBOX");
        Path summary = data.resolve("outbox/mass/made-up.summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        assertThat(JSON.readTree(summary.toFile()).path("source").asText()).isEqualTo("SANDBOX");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("outbox/mass/made-up.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).filteredOn(line -> line.path("status").asText().equals("REJECTED")).hasSize(3)
                .allSatisfy(line -> assertThat(line.has("source")).as("rejected by the bundle itself").isFalse());
        assertThat(lines).filteredOn(line -> !line.path("status").asText().equals("REJECTED")).hasSize(7)
                .allSatisfy(line -> assertThat(line.path("source").asText()).isEqualTo("SANDBOX"));

        Folders.drop(bundle.dir("inbox/audit"), "all.json", "{}");
        Path csv = data.resolve("outbox/audit/all.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(csv));
        assertThat(Files.readAllLines(csv).get(0)).endsWith(",source");
        assertThat(Files.readAllLines(csv).stream().skip(1)).isNotEmpty().allMatch(row -> row.endsWith(",SANDBOX"));

        JsonNode lefi = check("fk-lefi");
        assertThat(lefi.path("message").asText()).startsWith("sandbox: synthetic answers");
    }

    @Test
    void answersFromFkCarryNoSource() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
        Folders.drop(bundle.dir("inbox/online"), "q.json", query("from-fk"));

        Path answer = data.resolve("outbox/online/from-fk.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
        assertThat(JSON.readTree(answer.toFile()).has("source")).isFalse();
        assertThat(check("fk-lefi").path("message").asText()).doesNotContain("sandbox");
    }

    @Test
    void aRealOrganisationWithoutFksAddressRefusesToStartNamingTheSetting() {
        Map<String, String> settings = new java.util.HashMap<>(EMBEDDED_SANDBOX);
        settings.put("lefi.organisationsnummer", "5560000001");
        assertThatThrownBy(() -> bundle = RunningBundle.start(data, sandbox, settings))
                .hasStackTraceContaining("lefi.url and leka.url not set")
                .hasStackTraceContaining("lefi.organisationsnummer");
    }

    @Test
    void fksTlsSettingsWithoutFksAddressRefuseToStart() {
        Map<String, String> settings = new java.util.HashMap<>(EMBEDDED_SANDBOX);
        settings.put("leka.url", sandbox.url());
        settings.put("fk.tls.key-store", "/etc/lefi/organisation.p12");
        assertThatThrownBy(() -> bundle = RunningBundle.start(data, sandbox, settings))
                .hasStackTraceContaining("lefi.url not set")
                .hasStackTraceContaining("fk.tls.key-store");
    }

    private JsonNode check(String name) throws Exception {
        return BundleHttp.healthCheck(bundle, name);
    }

    private static String query(String requestId) {
        return """
                {"requestId": "%s", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(requestId, Persons.known(7));
    }
}
