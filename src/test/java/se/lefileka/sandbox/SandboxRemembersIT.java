package se.lefileka.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/**
 * The built-in sandbox, the newcomer's FK, remembers across a restart of the bundle as FK does: a
 * mass case opened before it is answered after it, a subscription registered before it is still
 * there, and notification ids are never given out twice.
 */
class SandboxRemembersIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EMBEDDED_SANDBOX = Map.of("lefi.sandbox.enabled", "true",
            "lefi.url", "", "leka.url", "", "leka.notifications.first-fetch-millis", "600000");

    @Test
    void casesSubscriptionsAndNotificationNumbersOutliveARestart() throws Exception {
        bundle = RunningBundle.start(data, sandbox, EMBEDDED_SANDBOX);
        embedded().massWork(Duration.ofSeconds(6));
        String person = Persons.known(21);
        Folders.drop(bundle.dir("inbox/subscriptions"), "register.json", """
                {"requestId": "before", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                .formatted(person));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("outbox/subscriptions/before.json")));
        String before = SandboxNotifications.publish(embedded(), person, "BOSTADSBIDRAG", "ANDRAD", LocalDate.now());
        MassRows rows = MassRows.of(3, 0);
        Folders.drop(bundle.dir("inbox/mass"), "across.csv", rows.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> embedded().massSubmissions() == 1);

        bundle = bundle.restart(sandbox, EMBEDDED_SANDBOX);

        Path summary = data.resolve("outbox/mass/across.summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        assertThat(JSON.readTree(Folders.read(summary)).path("counts").path("OK").asInt())
                .as("the case opened before the restart is answered after it").isEqualTo(3);
        Folders.drop(bundle.dir("inbox/subscriptions"), "check.json", """
                {"requestId": "after", "action": "CHECK", "personnummer": "%s"}""".formatted(person));
        Path check = data.resolve("outbox/subscriptions/after.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(check));
        JsonNode checked = JSON.readTree(Folders.read(check));
        assertThat(checked.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(embedded().unacknowledgedNotifications()).as("the notification not yet fetched").isEqualTo(1);
        String after = SandboxNotifications.publish(embedded(), person, "BOSTADSBIDRAG", "ANDRAD", LocalDate.now());
        assertThat(number(after)).as("no id given out twice").isGreaterThan(number(before));
    }

    private Sandbox embedded() {
        return bundle.context().getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    private static long number(String id) {
        return Long.parseLong(id.substring(id.indexOf('-') + 1));
    }
}
