package se.lefileka.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestClock;

/**
 * At the instant FK's mass service closes, on the SLA's own limits: calls already waiting for their
 * turn do not start after it, and go on at the next opening, without a breach. (A running batch
 * stopping at closing time and going on at the next opening: MassGateIT.)
 */
@SlaJudged
class MassGateEdgeIT extends BundleTestSupport {

    /** 6 chunks of 5: more than the five mass threads can have waiting for their turn at once. */
    private final MassRows fewRows = MassRows.of(30, 0);

    @Test
    void callsWaitingForTheirTurnAtClosingTimeNeverStartAfterIt() throws Exception {
        TestClock clock = TestClock.at("2026-11-24T21:29:52");
        sandboxOn(clock);
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "5"), clock);
        Folders.drop(bundle.dir("inbox/mass"), "sent.csv", fewRows.csv());
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.judge().calls(Budget.MASS) >= 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> !clock.instant().isBefore(at("2026-11-24T21:30:02")));

        assertThat(sandbox.callsFrom(Budget.MASS, at("2026-11-24T21:30:00"))).as("mass calls after closing").isZero();
        assertThat(Files.exists(data.resolve("outbox/mass/sent.summary.json"))).isFalse();
        clock.set("2026-11-25T07:00");
        assertCompletes("sent", fewRows);
    }

    private void assertCompletes(String batch, MassRows rows) throws Exception {
        Path summary = data.resolve("outbox/mass/" + batch + ".summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        Path results = data.resolve("outbox/mass/" + batch + ".jsonl");
        assertThat(Files.readAllLines(results)).hasSize(rows.rows().size());
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    private static java.time.Instant at(String stockholmTime) {
        return java.time.LocalDateTime.parse(stockholmTime).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
