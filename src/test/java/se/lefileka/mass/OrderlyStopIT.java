package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;

/**
 * An orderly stop (SIGTERM, as systemd and Kubernetes stop a service) at any point of a batch, with
 * live route changes on, loses nothing and asks FK nothing twice: the bundle in a process of its
 * own, stopped and started again. What the lanes do to the SLA across restarts is MassLaneIT's.
 */
class OrderlyStopIT extends BundleTestSupport {

    /** 1200 rows in groups of 100: 12 chunks, one submission each. */
    private static final Map<String, String> SMALL_CHUNKS = Map.of("lefi.mass.chunk-size", "100",
            "lefi.mass.reconcile-millis", "5000");
    private static final int CHUNKS = 12;
    private final MassRows rows = MassRows.of(1200, 33);

    @Test
    void aBatchStoppedInOrderAtManyPointsCompletesEveryRowOnceUnderItsOwnFragaIds() throws Exception {
        sandbox.massWork(Duration.ofSeconds(4));
        // submissions slow enough to stop in the middle of them
        SandboxFaults.of(sandbox).latency(Duration.ofMillis(400));
        Path routes = Files.createDirectories(data.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Map<String, String> settings = new HashMap<>(SMALL_CHUNKS);
        settings.put("bundle.routes.reload", "true");
        settings.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        Files.createDirectories(data.resolve("inbox/mass"));

        BundleProcess running = BundleProcess.start(data, sandbox, settings);
        running.awaitStarted(Duration.ofSeconds(60));
        Folders.drop(data.resolve("inbox/mass"), "stopped.csv", rows.csv());
        // stopped at the first submission, in the middle of them (just after a route change), and after the last
        for (int submitted : new int[] {1, CHUNKS / 2, CHUNKS}) {
            await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.massSubmissions() >= submitted);
            if (submitted == CHUNKS / 2) {
                Path changed = routes.resolve("notification-endpoints.camel.yaml");
                Files.writeString(changed, Files.readString(changed) + "\n# changed just before a stop\n");
                BundleProcess changing = running;
                await().atMost(Duration.ofSeconds(30)).until(() -> changing.log().contains(
                        "Route change applied: notification-endpoints.camel.yaml changed"));
                // the change's check ran quietly: nothing from its own context, its settings or its sandbox
                assertThat(changing.log()).doesNotContain("(route-check)").doesNotContain("FK sandbox serving")
                        .doesNotContain("Stopped mass-lane").doesNotContain("Stopped more-notification-endpoints");
                assertThat(changing.log().split("Settings in effect", -1)).as("the settings logged once").hasSize(2);
            }
            running.stop();
            String log = running.log();
            assertThat(log).as("an orderly stop").contains("JVM shutdown hook triggered by SIGTERM")
                    .doesNotContain("Database is already closed").doesNotContain("could not be delivered");
            assertThat(log.split("JVM shutdown hook triggered", -1)).as("one shutdown hook").hasSize(2);
            Files.move(data.resolve("bundle-process.log"), data.resolve("bundle-process-" + submitted + ".log"));
            running = BundleProcess.start(data, sandbox, settings);
            running.awaitStarted(Duration.ofSeconds(60));
        }
        try {
            MassResults.assertCompletesOnce(data, "stopped", rows, sandbox, CHUNKS);
        } finally {
            running.stop();
        }
    }
}
