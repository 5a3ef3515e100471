package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.MassResults;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;

/**
 * The mass lane keeps every row through a kill, FK's faults and a closed service, on the SLA's own
 * limits. (An orderly stop at each point of a batch is OrderlyStopIT's; cases still being worked
 * on blocking nothing, PendingCasesIT's.)
 */
@SlaJudged
class MassLaneIT extends BundleTestSupport {

    /** 800 rows (22 of them bad) in groups of 100: 8 chunks, one submission each. */
    // the reconciler looks often: a batch whose tally missed an event across the restart is completed from its chunks
    private static final Map<String, String> SMALL_CHUNKS = Map.of("lefi.mass.chunk-size", "100",
            "lefi.mass.reconcile-millis", "5000");
    private static final int CHUNKS = 8;
    private final MassRows rows = MassRows.of(800, 22);

    @Test
    void aBatchKilledWithoutWarningCompletesWhenTheBundleStartsAgain() throws Exception {
        sandbox.massWork(Duration.ofSeconds(6));
        BundleProcess killed = BundleProcess.start(data, sandbox, SMALL_CHUNKS);
        Path inbox = Files.createDirectories(data.resolve("inbox/mass"));
        Folders.drop(inbox, "killed.csv", rows.csv());
        await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.massSubmissions() >= 5);
        killed.kill();
        assertThat(sandbox.massSubmissions()).as("killed between submissions").isLessThan(CHUNKS);

        bundle = RunningBundle.start(data, sandbox, SMALL_CHUNKS);
        assertCompletes("killed");
    }

    @Test
    void aBatchRidesOutFaultsSlowAnswersAndAClosedServiceWithoutBreakingTheBudget() throws Exception {
        bundle = RunningBundle.start(data, sandbox, SMALL_CHUNKS);
        SandboxFaults.of(sandbox).latency(Duration.ofMillis(700));
        SandboxFaults.of(sandbox).failNext(4);
        Folders.drop(bundle.dir("inbox/mass"), "faults.csv", rows.csv());
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.massSubmissions() >= 3);
        SandboxFaults.of(sandbox).massClosed(true);
        long callsBeforeClosing = sandbox.judge().calls(Budget.MASS);
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.judge().calls(Budget.MASS) >= callsBeforeClosing + 2);
        SandboxFaults.of(sandbox).massClosed(false);

        assertCompletes("faults");
    }

    private void assertCompletes(String batch) throws Exception {
        MassResults.assertCompletesOnce(data, batch, rows, sandbox, CHUNKS);
        assertThat(sandbox.judge().breaches(Budget.MASS)).as(sandbox.judge().report()).isZero();
    }
}
