package se.lefileka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.RouteEdits;
import se.lefileka.support.RunningBundle;

/** Settings that cannot work stop the bundle at start with a non-zero exit, naming each key. */
class StartupSettingsIT extends BundleTestSupport {

    @TempDir
    Path otherData;

    @Test
    void settingsThatCannotWorkEndTheProcessWithACodeAndNameEachKeyEvenWithTheSandboxRunning() throws Exception {
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(
                "lefi.sandbox.enabled", "true",
                "lane.mass.per-second", "-1",
                "lefi.mass.chunk-size", "0",
                "lefi.mass.hours.saturday", "25:00-7",
                "leka.api.version", "v3",
                "leka.url", "not a url"));
        assertThat(bundle.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(bundle.log())
                .contains("lane.mass.per-second = '-1': must be a whole number of 1 or more")
                .contains("lefi.mass.chunk-size = '0': must be a whole number from 1 to 500")
                .contains("lefi.mass.hours.saturday = '25:00-7': must be HH:MM-HH:MM")
                .contains("leka.api.version = 'v3': must be one of v1, v2")
                .contains("leka.url = 'not a url': must be empty, or an http:// or https:// URL");
    }

    @Test
    void routesThatCallFkOutsideTheLanesDoNotStartAndFkHearsNothing() throws Exception {
        Path routes = Files.createDirectories(otherData.resolve("routes"));
        try (var shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Files.writeString(routes.resolve("rogue.camel.yaml"), RouteEdits.callingFkItself("rogue"));
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml"));
        assertThat(bundle.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(bundle.log()).contains("calls FK outside the lanes: " + routes.resolve("rogue.camel.yaml")
                + " line 6 (route rogue)");
        assertThat(sandbox.judge().calls(se.lefileka.sandbox.Budget.ONLINE)).isZero();
    }

    @Test
    void aFailureAfterTheSandboxStartedEndsTheProcessToo() throws Exception {
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(
                "lefi.sandbox.enabled", "true",
                "lefi.url", "",
                "lane.online.queue", "{{no.such.placeholder}}"));
        assertThat(bundle.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(bundle.log()).contains("The bundle cannot start").contains("no.such.placeholder");
    }

    @Test
    void anEmptySystemPropertyMeansUnsetAndTheStartUpSummaryMasksEverySecret() throws Exception {
        // one start-up (a whole bundle process) for both: empty FK URLs mean the embedded sandbox, as unset
        // in the properties file would; and the summary of the settings shows no secret
        BundleProcess bundle = BundleProcess.start(otherData, sandbox, Map.of(
                "lefi.sandbox.enabled", "true", "lefi.url", "", "leka.url", "",
                "fk.tls.trust-store-password", "trust-test-secret", "lefi.api.version", "v1"));
        try {
            bundle.awaitStarted(Duration.ofSeconds(60));
            String log = bundle.log();
            assertThat(log).contains("FK sandbox serving LEFI and LEKA");
            assertThat(log.lines().filter(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")))
                    .as("every time with its offset").isNotEmpty()
                    .allMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d .*"));
            assertThat(log).as("the address the server is bound to").contains("Health at http://127.0.0.1:")
                    .doesNotContain("0.0.0.0");

            // input set aside: one WARN line with the file and the reason, nothing at ERROR
            Folders.drop(otherData.resolve("inbox/online"), "broken.json", "{\"requestId\": ");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(otherData.resolve("error/online/broken.json.error.json")));
            assertThat(bundle.log().lines().filter(line -> line.contains("broken.json")))
                    .singleElement().asString().contains(" WARN ").contains("Cannot read online file broken.json: ");
            assertThat(bundle.log().lines().filter(line -> line.contains(" ERROR "))).isEmpty();
            assertThat(log).contains("bundle.audit.pseudonym-key = xxxxxx")
                    .contains("fk.tls.trust-store-password = xxxxxx")
                    .contains("jms.embedded.bundle-password = xxxxxx")
                    .contains("lefi.api.version = v1")
                    .doesNotContain(RunningBundle.PSEUDONYM_KEY)
                    .doesNotContain(RunningBundle.BUNDLE_PASSWORD)
                    .doesNotContain("trust-test-secret");
        } finally {
            bundle.stop();
        }
    }

    @Test
    void thePlaceholderPseudonymKeyRefusesStartAgainstFk() throws Exception {
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(
                "bundle.audit.pseudonym-key", "change-this-secret"));
        assertThat(bundle.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(bundle.log()).contains("bundle.audit.pseudonym-key: must be a secret of your own");
    }
}
