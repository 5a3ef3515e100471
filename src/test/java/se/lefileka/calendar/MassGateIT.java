package se.lefileka.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestClock;

/**
 * No mass call while FK's mass service is closed (a holiday, an extra closed date, from closing
 * time on); batches wait and go on at the next opening, or at once when the bundle is started
 * again in opening hours. (Calls waiting for their turn at closing time, on the SLA's own limits:
 * MassGateEdgeIT.)
 */
class MassGateIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MassRows rows = MassRows.of(300, 0);
    private final Map<String, String> smallChunks = Map.of("lefi.mass.chunk-size", "100");

    @Test
    void aBatchDroppedOnJulaftonWaitsWithoutCallingAndCompletesWhenTheClockReachesTheOpening() throws Exception {
        TestClock clock = TestClock.at("2026-12-24T10:00");
        bundle = RunningBundle.start(data, sandbox, smallChunks, clock);
        Folders.drop(bundle.dir("inbox/mass"), "jul.csv", rows.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Folders.names(data.resolve("archive/mass")).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sandbox.judge().calls(Budget.MASS) == 0);

        clock.set("2026-12-27T13:00");
        assertCompletes("jul");
    }

    @Test
    void aWaitingBatchGoesOnAtOnceWhenTheBundleIsStartedAgainInOpeningHours() throws Exception {
        bundle = RunningBundle.start(data, sandbox, smallChunks, TestClock.at("2026-04-03T12:00"));
        Folders.drop(bundle.dir("inbox/mass"), "langfredag.csv", rows.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Folders.names(data.resolve("archive/mass")).isEmpty());
        // the console says the lane holds and when the batch should be done, after the pause
        JsonNode console = JSON.readTree(BundleHttp.get(bundle, "/console/status.json").body());
        assertThat(console.path("lanes").get(1).path("state").asText()).isEqualTo("holding");
        assertThat(console.path("batches").get(0).path("estimate").asText()).as(console.toString())
                .startsWith("done ").contains("; paused 12:00-");
        bundle.close();
        assertThat(sandbox.judge().calls(Budget.MASS)).as("no call on Långfredagen").isZero();

        bundle = RunningBundle.start(data, sandbox, smallChunks, TestClock.at("2026-04-07T09:00"));
        assertCompletes("langfredag");
    }

    @Test
    void anExtraClosedDateClosesADayThatWouldBeOpen() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.closed-dates", "2026-11-23, 2026-11-24"),
                TestClock.at("2026-11-24T10:00"));
        Folders.drop(bundle.dir("inbox/mass"), "avbrott.csv", rows.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Folders.names(data.resolve("archive/mass")).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sandbox.judge().calls(Budget.MASS) == 0);
    }

    @Test
    void aRunningBatchStopsCallingAtClosingTimeAndResumesAtTheNextOpening() throws Exception {
        // FK works on a case longer than the bundle has before closing (its start included): none is answered before it
        sandbox.massWork(Duration.ofSeconds(8));
        TestClock clock = TestClock.at("2026-11-24T21:29:51");
        bundle = RunningBundle.start(data, sandbox, smallChunks, clock);
        Folders.drop(bundle.dir("inbox/mass"), "kvall.csv", rows.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.massSubmissions() >= 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> !clock.instant().isBefore(at("2026-11-24T21:30:00.5")));
        long callsAtClosing = sandbox.judge().calls(Budget.MASS);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sandbox.judge().calls(Budget.MASS) == callsAtClosing);
        assertThat(Files.exists(data.resolve("outbox/mass/kvall.summary.json"))).isFalse();

        clock.set("2026-11-25T07:00");
        assertCompletes("kvall");
    }

    private void assertCompletes(String batch) throws Exception {
        Path summary = data.resolve("outbox/mass/" + batch + ".summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        Path results = data.resolve("outbox/mass/" + batch + ".jsonl");
        assertThat(Files.readAllLines(results)).hasSize(rows.rows().size());
    }

    private static java.time.Instant at(String stockholmTime) {
        return java.time.LocalDateTime.parse(stockholmTime).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
