package se.lefileka.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import se.lefileka.mass.MassProgress;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;

/**
 * Runs the mass fault scenarios many times and reports every batch that does not complete: in
 * each round a batch with bad rows and three batches whose every row is invalid are dropped
 * together, FK fails some calls and is slow, and the bundle is restarted in the middle. Not part
 * of the suite; it prints a line per round and a total.
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.MassCompletionLoop
 * -Dbench.rows=10} (here {@code bench.rows} is the number of rounds). With
 * {@code -Dlefi.mass.reconcile-millis=86400000} the reconciler is kept out of the way, to find
 * what it would otherwise repair.
 */
public final class MassCompletionLoop {

    public static void main(String... args) throws Exception {
        int rounds = Integer.getInteger("bench.rows", 10);
        Map<String, String> settings = Map.of("lefi.mass.chunk-size", "20", "lefi.mass.gate.enabled", "false",
                "lefi.mass.reconcile-millis", System.getProperty("lefi.mass.reconcile-millis", "5000"));
        int incomplete = 0;
        for (int round = 1; round <= rounds; round++) {
            List<String> stuck = round(settings);
            incomplete += stuck.size();
            System.out.println("round " + round + ": " + (stuck.isEmpty() ? "every batch complete" : "INCOMPLETE " + stuck));
        }
        System.out.println(rounds + " rounds, " + incomplete + " batches incomplete");
        System.exit(incomplete == 0 ? 0 : 1);
    }

    private static List<String> round(Map<String, String> settings) throws Exception {
        Path data = Files.createTempDirectory("mass-loop");
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.start();
        sandbox.massWork(Duration.ofSeconds(1));
        RunningBundle bundle = RunningBundle.start(data, sandbox, settings);
        try {
            Path inbox = bundle.dir("inbox/mass");
            List<String> batches = new ArrayList<>(List.of("mixed", "invalid-1", "invalid-2", "invalid-3"));
            Folders.drop(inbox, "mixed.csv", MassRows.of(200, 7).csv());
            for (String name : batches.subList(1, batches.size())) {
                Folders.drop(inbox, name + ".csv", MassRows.of(30, 1).csv());
            }
            SandboxFaults.of(sandbox).failNext(5);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.massSubmissions() >= 3);
            bundle = bundle.restart(sandbox, settings);
            SandboxFaults.of(sandbox).failNext(3);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> batches.stream()
                        .allMatch(name -> Files.exists(data.resolve("outbox/mass/" + name + ".summary.json"))));
                return List.of();
            } catch (ConditionTimeoutException e) {
                MassProgress progress = bundle.context().getRegistry().lookupByNameAndType("massProgress",
                        MassProgress.class);
                return progress.snapshot().stream().map(b -> b.name() + " (" + b.counts() + ")").toList();
            }
        } finally {
            bundle.close();
            sandbox.stop();
        }
    }

    private MassCompletionLoop() {
    }
}
