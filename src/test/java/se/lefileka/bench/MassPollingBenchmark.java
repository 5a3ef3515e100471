package se.lefileka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;

/**
 * How many calls a mass chunk costs, and how long a batch takes against its lower bound, on the
 * SLA's own limits (the sandbox refuses and counts every breach), for FK paces with and without
 * {@code Retry-After}. Each pace runs on a fresh bundle: a first batch while nothing is learned,
 * then a second one on what the first taught. Prints a table.
 * <p>
 * The lower bound: the last chunk cannot be submitted before (chunks - 1) / rate seconds and is
 * not ready before the slowest case's time after that; and every chunk needs at least two calls,
 * so the batch needs at least (2 chunks - 1) / rate seconds.
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.MassPollingBenchmark -Dbench.rows=20000}
 * (optionally {@code -Dbench.paces=0,1} to run only some of the paces below).
 */
public final class MassPollingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 500;
    private static final double RATE = 2.0;

    private record Pace(String name, Duration least, Duration most, boolean retryAfter) {
    }

    private static final List<Pace> PACES = List.of(
            new Pace("2 s, Retry-After", Duration.ofSeconds(2), Duration.ofSeconds(2), true),
            new Pace("2 s, no Retry-After", Duration.ofSeconds(2), Duration.ofSeconds(2), false),
            new Pace("30-60 s, Retry-After", Duration.ofSeconds(30), Duration.ofSeconds(60), true),
            new Pace("30-60 s, no Retry-After", Duration.ofSeconds(30), Duration.ofSeconds(60), false),
            new Pace("10-30 min scaled 1:10, Retry-After", Duration.ofSeconds(60), Duration.ofSeconds(180), true),
            new Pace("10-30 min scaled 1:10, no Retry-After", Duration.ofSeconds(60), Duration.ofSeconds(180), false));

    public static void main(String... args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 20_000);
        String chosen = System.getProperty("bench.paces", "all");
        System.out.printf("| FK pace | rows | batch | calls per chunk | polls per chunk | time | lower bound | "
                + "time / bound | breaches |%n|---|---|---|---|---|---|---|---|---|%n");
        for (int i = 0; i < PACES.size(); i++) {
            if (chosen.equals("all") || List.of(chosen.split(",")).contains(String.valueOf(i))) {
                run(PACES.get(i), rows);
            }
        }
        System.exit(0);
    }

    private static void run(Pace pace, int rows) throws Exception {
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.start();
        sandbox.refuseBreaches(true);
        sandbox.massWork(pace.least(), pace.most());
        sandbox.massRetryAfter(pace.retryAfter());
        Path data = Files.createTempDirectory("mass-polling-bench");
        BundleProcess bundle = BundleProcess.start(data, sandbox,
                Map.of("lefi.mass.progress-interval-millis", "60000", "leka.notifications.first-fetch-millis", "86400000"));
        try {
            bundle.awaitStarted(Duration.ofSeconds(60));
            Path inbox = Files.createDirectories(data.resolve("inbox/mass"));
            String csv = MassRows.of(rows, 0).csv();
            for (String batch : List.of("first", "learned")) {
                long start = System.nanoTime();
                Folders.drop(inbox, batch + ".csv", csv);
                Path summary = data.resolve("outbox/mass/" + batch + ".summary.json");
                Awaitility.await().atMost(Duration.ofHours(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.exists(summary));
                double seconds = (System.nanoTime() - start) / 1e9;
                JsonNode fk = JSON.readTree(Files.readString(summary)).path("fk");
                int chunks = fk.path("chunks").asInt();
                double bound = lowerBound(chunks, pace.most().toSeconds());
                System.out.printf("| %s | %,d | %s | %.2f | %.2f | %.0f s | %.0f s | %.2f | %d |%n", pace.name(), rows,
                        batch, fk.path("calls").asDouble() / chunks, fk.path("polls").asDouble() / chunks, seconds, bound,
                        seconds / bound, sandbox.judge().breaches());
                if (sandbox.judge().breaches() > 0) {
                    System.out.printf("(%s)%n", sandbox.judge().report().strip().replace("\n", "; "));
                }
            }
        } finally {
            bundle.stop();
            sandbox.stop();
        }
    }

    /** The batch's lower bound in seconds (see above), for that many chunks and FK's slowest time. */
    static double lowerBound(int chunks, double slowestSeconds) {
        return Math.max((chunks - 1) / RATE + slowestSeconds, (2 * chunks - 1) / RATE);
    }

    private MassPollingBenchmark() {
    }
}
