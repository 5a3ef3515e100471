package se.lefileka.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;

/**
 * Drives a generated mass file of N rows (3 % of them bad) through the bundle, run in its own JVM
 * with a small heap, against the sandbox with the mass budget's limits lifted to
 * {@code bench.per-second} calls per second and no 300 ms gap, so that what is measured is the
 * bundle's pipeline, not FK's waiting. Prints the reading rate, the rate through the whole
 * pipeline, the calls made, and the bundle's peak heap (from its GC log).
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.MassBenchmark -Dbench.rows=1000000}
 */
public final class MassBenchmark {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    public static void main(String... args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int perSecond = Integer.getInteger("bench.per-second", 50);
        String heap = System.getProperty("bench.heap", "256m");
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.start();
        sandbox.refuseBreaches(false);
        sandbox.massWork(Duration.ZERO);
        Path data = Files.createTempDirectory("mass-bench");
        Path inbox = Files.createDirectories(data.resolve("inbox/mass"));
        Path file = generate(data.resolve("bench.csv"), rows);
        Path gcLog = data.resolve("gc.log");
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(
                "lane.mass.per-second", String.valueOf(perSecond), "lane.mass.window-millis", "1000",
                "lane.mass.gap-millis", "0", "lefi.mass.first-poll-millis", "200",
                "lefi.mass.progress-interval-millis", "10000"),
                List.of("-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
        try {
            bundle.awaitStarted(Duration.ofSeconds(60));
            long start = System.nanoTime();
            Files.move(file, inbox.resolve("bench.csv"), StandardCopyOption.ATOMIC_MOVE);
            double readSeconds = await(() -> hasFiles(data.resolve("archive/mass")), start);
            double allSeconds = await(() -> Files.exists(data.resolve("outbox/mass/bench.summary.json")), start);
            long lines;
            try (Stream<String> out = Files.lines(data.resolve("outbox/mass/bench.jsonl"))) {
                lines = out.count();
            }
            System.out.printf("rows                 %,d (result lines %,d)%n", rows, lines);
            System.out.printf("read and chunked     %.1f s, %,.0f rows/s (includes the 1 s read lock)%n", readSeconds,
                    rows / readSeconds);
            System.out.printf("whole pipeline       %.1f s, %,.0f rows/s at up to %d mass calls/s%n", allSeconds,
                    rows / allSeconds, perSecond);
            System.out.printf("mass calls           %,d (at the SLA's 2/s these alone take %.0f min)%n",
                    sandbox.judge().calls(Budget.MASS), sandbox.judge().calls(Budget.MASS) / 2.0 / 60);
            long[] heapUse = heapUse(gcLog);
            System.out.printf("bundle heap          -Xmx%s: at most %d MB in use before a GC; %d full GCs%n",
                    heap, heapUse[0], heapUse[1]);
        } finally {
            bundle.stop();
            sandbox.stop();
        }
        System.exit(0);
    }

    /** A CSV file of that many mass rows, every 33rd of them bad. */
    static Path generate(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(MassRows.CSV_HEADER);
            out.newLine();
            for (int i = 0; i < rows; i++) {
                String pnr = i % 33 == 32 ? Persons.known(i).substring(0, 11) + "x" : Persons.known(i);
                out.write(pnr + ";SJUKPENNING|BOSTADSBIDRAG;2026-01-01;2026-06-30;HANDLAGGNING");
                out.newLine();
            }
        }
        return file;
    }

    /** Seconds from {@code start} until the condition holds. */
    private static double await(Callable<Boolean> done, long start) {
        Awaitility.await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(100)).until(done);
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean hasFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** The most heap in use before a GC (MB), and how many full GCs there were, from the GC log. */
    private static long[] heapUse(Path gcLog) throws IOException {
        long[] use = new long[2];
        for (String line : Files.readAllLines(gcLog)) {
            Matcher heap = GC_HEAP.matcher(line);
            while (heap.find()) {
                use[0] = Math.max(use[0], Long.parseLong(heap.group(1)));
            }
            use[1] += line.contains("Pause Full") ? 1 : 0;
        }
        return use;
    }

    private MassBenchmark() {
    }
}
