package se.lefileka.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** Health and Prometheus metrics over real HTTP: the named checks and metric lines, changing as work flows. */
class HealthAndMetricsIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthAndMetricsFollowTheWork() throws Exception {
        Notifications.publish(sandbox, 3);
        sandbox.massWork(Duration.ofSeconds(8));
        bundle = RunningBundle.start(data, sandbox, Map.of(
                "leka.notifications.endpoints", "file:" + data.resolve("outbox/notifications") + "?tempPrefix=.",
                "leka.notifications.first-fetch-millis", "100"));
        await().atMost(Duration.ofSeconds(20)).until(() -> BundleHttp.get(bundle, "/observe/health/ready").statusCode() == 200);
        JsonNode health = health("/observe/health");
        for (String check : new String[] {"broker", "database", "fk-lefi", "fk-leka", "lane-online", "lane-mass",
                "api-versions"}) {
            assertThat(check(health, check).path("status").asText()).as(check).isEqualTo("UP");
        }
        assertThat(check(health, "lane-mass").path("message").asText()).startsWith("running; open");
        List<String> names = new ArrayList<>();
        health.path("checks").forEach(check -> names.add(check.path("name").asText()));
        assertThat(names).as("the bundle's own checks and Camel's context, not one per route").hasSizeLessThan(20)
                .contains("context", "cluster", "routes", "mass-batches");
        assertThat(check(health("/observe/health/live"), "broker").path("status").asText()).isEqualTo("UP");
        // the budgets' limits as the bundle was given them (lifted in this test)
        assertThat(metrics()).contains("fk_budget_limit_per_second{budget=\"online\"} "
                        + Double.parseDouble(RunningBundle.LIFTED_LIMITS.get("lane.online.per-second")),
                "fk_budget_limit_per_second{budget=\"mass\"} "
                        + Double.parseDouble(RunningBundle.LIFTED_LIMITS.get("lane.mass.per-second")),
                "bundle_queue_depth{queue=\"lefi.lane.online\"}",
                "bundle_work_waiting{budget=\"online\",class=\"bulk\"} 0.0",
                "bundle_work_oldest_seconds{budget=\"online\",class=\"interactive\"} 0.0",
                "lefi_mass_batches_running 0.0");
        assertThat(check(health, "online-work").path("message").asText()).as("each class of the online budget")
                .matches("interactive \\d+, notifications \\d+, bulk \\d+ waiting");

        Folders.drop(bundle.dir("inbox/online"), "q.json", """
                {"requestId": "q-1", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(Persons.known(1)));
        Folders.drop(bundle.dir("inbox/mass"), "kommun.csv",
                "personnummer,benefits,from,to\n" + Persons.known(2) + ",SJUKPENNING,2026-01-01,2026-06-30\n"
                        + Persons.known(3) + ",SJUKPENNING,2026-01-01,2026-06-30\n");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metrics()).contains(
                "lefi_mass_batches_running 1.0", "lefi_mass_rows_read 2.0"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics()).contains(
                "bundle_disclosures_total{kind=\"online\",outcome=\"OK\"} 1.0",
                "fk_calls_total{budget=\"online\",outcome=\"200\",service=\"lefi\"} 1.0",
                "fk_calls_total{budget=\"mass\",outcome=\"202\",service=\"lefi\"}",
                "leka_notifications_fetched_total 3.0",
                "leka_notifications_delivered_total{endpoint=\"file:" + data.resolve("outbox/notifications") + "\"} 3.0",
                "leka_notifications_acknowledged_total 3.0"));
        assertThat(check(health("/observe/health"), "fk-lefi").path("message").asText()).startsWith("answered 2");
        assertThat(metrics()).containsPattern("fk_budget_calls_per_second\\{budget=\"online\"} 0\\.[0-9]*[1-9]");

        await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(data.resolve("outbox/mass/kommun.jsonl")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics()).contains(
                "lefi_mass_batches_running 0.0", "bundle_disclosures_total{kind=\"mass\",outcome=\"OK\"} 2.0"));
        assertThat(metrics()).as("no metric label holds a personnummer").doesNotContainPattern(
                "(?<![0-9])(19|20)?[0-9]{2}(0[1-9]|1[0-2])([0-2][0-9]|3[01]|[6-8][0-9]|9[01])[-+]?[0-9]{4}(?![0-9])");
    }

    @Test
    void anUnreachableServiceFailsReadinessWithItsReasonAndItsWorkIsKept() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.url", "http://127.0.0.1:" + RunningBundle.freePort()));
        Folders.drop(bundle.dir("inbox/subscriptions"), "s.json", """
                {"requestId": "s-1", "action": "CHECK", "personnummer": "%s"}""".formatted(Persons.known(4)));

        await().atMost(Duration.ofSeconds(30)).until(() -> BundleHttp.get(bundle, "/observe/health/ready").statusCode() == 503
                && check(health("/observe/health"), "fk-leka").path("status").asText().equals("DOWN"));
        JsonNode leka = check(health("/observe/health"), "fk-leka");
        assertThat(leka.path("message").asText()).startsWith("LEKA cannot be reached: ").contains("Connection refused");
        assertThat(check(health("/observe/health"), "fk-lefi").path("status").asText()).isEqualTo("UP");
        assertThat(BundleHttp.get(bundle, "/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(metrics()).contains("fk_calls_total{budget=\"online\",outcome=\"unreachable\",service=\"leka\"}");
        assertThat(data.resolve("outbox/subscriptions/s-1.json")).as("the command waits, it is not failed").doesNotExist();
    }

    @Test
    void aVersionNearItsEndOfLifeIsDegradedAndARetiredOneFailsWhileItsWorkWaits() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.end-of-life.v2", LocalDate.of(2026, 12, 24).toString()));
        JsonNode versions = check(health("/observe/health"), "api-versions");
        assertThat(versions.path("status").asText()).isEqualTo("UP");
        assertThat(versions.path("message").asText())
                .isEqualTo("degraded: LEFI v2 ends on 2026-12-24, in 30 days: move to a newer version (lefi.api.version) before then");

        SandboxFaults.of(sandbox).retire("lefi", "v2");
        Folders.drop(bundle.dir("inbox/online"), "q.json", """
                {"requestId": "q-410", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(Persons.known(5)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                check(health("/observe/health"), "fk-lefi").path("status").asText().equals("DOWN"));
        assertThat(check(health("/observe/health"), "fk-lefi").path("message").asText())
                .contains("LEFI v2 is retired by FK").contains("410 VERSION_UPPHORD").contains("lefi.api.version");
        assertThat(data.resolve("outbox/online/q-410.json")).doesNotExist();

        SandboxFaults.of(sandbox).reset();
        await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(data.resolve("outbox/online/q-410.json")));
        assertThat(JSON.readTree(Files.readString(data.resolve("outbox/online/q-410.json"))).path("status").asText())
                .isEqualTo("OK");
        assertThat(check(health("/observe/health"), "fk-lefi").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void anOrganisationFkRefusesFailsItsServiceAndItsWorkWaitsUntilItIsPutRight() throws Exception {
        SandboxFaults.of(sandbox).refuseOrganisation(true);
        bundle = RunningBundle.start(data, sandbox, Map.of());
        Folders.drop(bundle.dir("inbox/online"), "q.json", """
                {"requestId": "q-403", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(Persons.known(6)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                check(health("/observe/health"), "fk-lefi").path("status").asText().equals("DOWN"));
        assertThat(check(health("/observe/health"), "fk-lefi").path("message").asText())
                .startsWith("LEFI refuses the organisation: FK answered 403 EJ_BEHORIG")
                .contains("lefi.organisationsnummer");
        assertThat(data.resolve("outbox/online/q-403.json")).as("the query waits, it is not failed").doesNotExist();

        SandboxFaults.of(sandbox).reset();
        await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(data.resolve("outbox/online/q-403.json")));
        assertThat(JSON.readTree(Files.readString(data.resolve("outbox/online/q-403.json"))).path("status").asText())
                .isEqualTo("OK");
    }

    private JsonNode health(String path) throws Exception {
        return JSON.readTree(BundleHttp.get(bundle, path).body());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = BundleHttp.get(bundle, "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
