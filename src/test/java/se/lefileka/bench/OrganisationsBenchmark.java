package se.lefileka.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * Two organisations at full load at once in one bundle, on the SLA's own limits against a sandbox
 * that refuses every breach and judges each organisationsnummer's budgets on their own: each
 * organisation gets a file of online queries and a mass batch at the same instant; prints, per
 * organisation and budget, the calls, the seconds from the first call to the last, the rate, the
 * rate as a share of the SLA's limit, and the breaches.
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.OrganisationsBenchmark
 * -Dbench.queries=60 -Dbench.rows=5000}
 */
public final class OrganisationsBenchmark {

    private static final Map<String, String> NUMBERS = Map.of("default", "2120000142", "kommun-b", "2120000143");

    public static void main(String... args) throws Exception {
        int queries = Integer.getInteger("bench.queries", 60);
        int rows = Integer.getInteger("bench.rows", 5000);
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.refuseBreaches(true);
        sandbox.massWork(Duration.ofSeconds(2));
        sandbox.start();
        Path data = Files.createTempDirectory("organisations-bench");
        Path organisations = Files.createDirectories(data.resolve("organisations-settings"));
        Files.writeString(organisations.resolve("kommun-b.properties"),
                "lefi.organisationsnummer = " + NUMBERS.get("kommun-b") + "\n");
        try (RunningBundle bundle = RunningBundle.start(data, sandbox, Map.of(
                "bundle.organisations.dir", organisations.toString(),
                // many chunks: the mass budget has calls to make for as long as the online one
                "lefi.mass.chunk-size", "50",
                "leka.notifications.first-fetch-millis", "600000"))) {
            MassRows batch = MassRows.of(rows, 0);
            for (String organisation : List.of("default", "kommun-b")) {
                Path root = "default".equals(organisation) ? data : data.resolve(organisation);
                StringBuilder file = new StringBuilder("[");
                for (int i = 0; i < queries; i++) {
                    file.append(i == 0 ? "" : ",").append(Queries.online(organisation + "-" + i, Persons.known(i)));
                }
                Folders.drop(Files.createDirectories(root.resolve("inbox/online")), "load.json", file + "]");
                Folders.drop(Files.createDirectories(root.resolve("inbox/mass")), "load.csv", batch.csv());
            }
            await("both organisations' work answered").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> done(data.resolve("outbox"), queries) && done(data.resolve("kommun-b/outbox"), queries));
            System.out.printf("%-10s %-7s %7s %9s %9s %7s %8s %9s%n", "org", "budget", "calls", "seconds", "calls/s",
                    "limit", "of limit", "breaches");
            for (String organisation : List.of("default", "kommun-b")) {
                for (Budget budget : Budget.values()) {
                    List<Long> starts = sandbox.judge().starts(NUMBERS.get(organisation), budget);
                    double seconds = (starts.get(starts.size() - 1) - starts.get(0)) / 1e9;
                    double rate = (starts.size() - 1) / seconds;
                    double limit = budget == Budget.MASS ? 2 : 1;
                    System.out.printf("%-10s %-7s %7d %9.1f %9.3f %7.0f %7.1f%% %9d%n", organisation, budget,
                            starts.size(), seconds, rate, limit, 100 * rate / limit,
                            sandbox.judge().breaches(NUMBERS.get(organisation), budget));
                }
            }
        } finally {
            sandbox.stop();
        }
        System.exit(0);
    }

    private static boolean done(Path outbox, int queries) {
        return Folders.names(outbox.resolve("online")).size() >= queries
                && Files.exists(outbox.resolve("mass/load.summary.json"));
    }

    private OrganisationsBenchmark() {
    }
}
