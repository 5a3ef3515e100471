package se.lefileka.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BrokerProcess;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Postgres;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * Three nodes (JVMs of their own on a shared folder, a standalone broker, PostgreSQL), three
 * organisations, one led by each node (bundle.cluster.preferred-organisations), on the SLA's own
 * limits against a sandbox that refuses every breach. For each organisation in turn: every
 * organisation gets online queries and a mass batch, the node leading this one is killed (and
 * started again, to stand by); prints how long the organisation took to move, which other
 * organisations the killed node led too (they move with it), whether the leader of any organisation
 * another node led changed meanwhile, and, at the end, every organisation's answers (each query
 * and row once) and breaches.
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.OrganisationLeadersBenchmark}
 */
public final class OrganisationLeadersBenchmark {

    private static final List<String> ORGANISATIONS = List.of("default", "kommun-b", "kommun-c");
    private static final Map<String, String> NUMBERS = Map.of("default", "2120000142", "kommun-b", "2120000143",
            "kommun-c", "2120000144");
    private static final int QUERIES = 3;
    private static final int ROWS = 200;

    private final Path data;
    private final Sandbox sandbox;
    private final Map<String, String> common = new LinkedHashMap<>();
    private final Map<String, BundleProcess> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private OrganisationLeadersBenchmark(Path data, Sandbox sandbox) {
        this.data = data;
        this.sandbox = sandbox;
    }

    public static void main(String... args) throws Exception {
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.refuseBreaches(true);
        sandbox.massWork(Duration.ofSeconds(3));
        sandbox.start();
        Path data = Files.createTempDirectory("leaders-bench");
        try (BrokerProcess broker = BrokerProcess.start(Files.createTempDirectory("leaders-bench-broker"))) {
            new OrganisationLeadersBenchmark(data, sandbox).run(broker);
        } finally {
            sandbox.stop();
        }
        System.exit(0);
    }

    private void run(BrokerProcess broker) throws Exception {
        Path settings = Files.createDirectories(data.resolve("organisations-settings"));
        for (String organisation : ORGANISATIONS.subList(1, ORGANISATIONS.size())) {
            Files.writeString(settings.resolve(organisation + ".properties"), """
                    lefi.organisationsnummer = %s
                    bundle.db.url = %s
                    bundle.db.user = postgres
                    """.formatted(NUMBERS.get(organisation), Postgres.newDatabase()));
        }
        Path password = Files.writeString(data.resolve("broker-password"), BrokerProcess.PASSWORD + "\n");
        common.putAll(Map.of("jms.broker.url", broker.url(), "jms.broker.user", BrokerProcess.USER,
                "jms.broker.password-file", password.toString(), "bundle.db.url", Postgres.newDatabase(),
                "bundle.db.user", "postgres", "bundle.cluster.mode", "file", "lefi.mass.chunk-size", "100",
                "bundle.organisations.dir", settings.toString(), "bundle.cluster.others-delay-millis", "10000",
                "leka.notifications.first-fetch-millis", "600000"));
        for (int i = 0; i < ORGANISATIONS.size(); i++) {
            start("node-" + (char) ('a' + i), ORGANISATIONS.get(i));
        }
        for (String organisation : ORGANISATIONS) {
            await("every node up and competing").atMost(Duration.ofSeconds(90)).until(() ->
                    leaderOf(organisation) != null && nodes.keySet().stream().allMatch(this::competesForAll));
        }
        System.out.printf("%-10s %-8s %-8s %11s %-22s %s%n", "killed", "leader", "then", "moved in s",
                "also led by it", "others' leaders changed");
        int round = 0;
        for (String organisation : ORGANISATIONS) {
            dropWork(round++);
            Map<String, String> before = leaders();
            String leader = before.get(organisation);
            await("work under way").atMost(Duration.ofSeconds(60)).until(() -> sandbox.onlineAnswers() > 0);
            nodes.get(leader).kill();
            long killed = System.nanoTime();
            AtomicBoolean othersChanged = new AtomicBoolean();
            AtomicReference<String> next = new AtomicReference<>();
            await(organisation + " led again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        for (String other : ORGANISATIONS) {
                            // an organisation another node leads: it must not notice
                            if (!before.get(other).equals(leader) && !before.get(other).equals(leaderOf(other))) {
                                othersChanged.set(true);
                            }
                        }
                        next.set(leaderOf(organisation));
                        return next.get() != null;
                    });
            double moved = (System.nanoTime() - killed) / 1e9;
            List<String> alsoLed = ORGANISATIONS.stream()
                    .filter(other -> !other.equals(organisation) && leader.equals(before.get(other))).toList();
            System.out.printf("%-10s %-8s %-8s %11.1f %-22s %s%n", organisation, leader, next.get(), moved,
                    alsoLed.isEmpty() ? "-" : String.join(",", alsoLed), othersChanged.get());
            start(leader, organisation);
        }
        await("every query and batch answered").atMost(Duration.ofMinutes(10)).until(this::allAnswered);
        System.out.printf("%n%-10s %9s %12s %9s%n", "org", "queries", "batch rows", "breaches");
        for (String organisation : ORGANISATIONS) {
            Path root = root(organisation);
            System.out.printf("%-10s %9d %12d %9d%n", organisation, Folders.names(root.resolve("outbox/online")).size(),
                    answeredRows(root), sandbox.judge().breaches(NUMBERS.get(organisation)));
        }
        System.out.println("FK's mass cases opened: " + sandbox.massSubmissions() + " (chunks: "
                + ORGANISATIONS.size() * ORGANISATIONS.size() * ROWS / 100 + ")");
        nodes.values().forEach(node -> {
            try {
                node.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void start(String node, String prefers) throws Exception {
        if (!ports.containsKey(node)) {
            ports.put(node, RunningBundle.freePort());
        }
        int port = ports.get(node);
        Map<String, String> settings = new LinkedHashMap<>(common);
        settings.put("bundle.node.id", node);
        settings.put("bundle.http.port", String.valueOf(port));
        settings.put("bundle.cluster.preferred-organisations", prefers);
        nodes.put(node, BundleProcess.startNode(data, sandbox, settings, node + "-" + System.nanoTime()));
    }

    private void dropWork(int round) throws Exception {
        for (String organisation : ORGANISATIONS) {
            Path root = root(organisation);
            for (int i = 0; i < QUERIES; i++) {
                String id = organisation + "-" + round + "-" + i;
                Folders.drop(Files.createDirectories(root.resolve("inbox/online")), id + ".json",
                        Queries.online(id, Persons.known(round * 10 + i)));
            }
            Folders.drop(Files.createDirectories(root.resolve("inbox/mass")), "batch-" + round + ".csv",
                    MassRows.of(ROWS, 0).csv());
        }
    }

    private boolean allAnswered() {
        return ORGANISATIONS.stream().allMatch(organisation -> {
            Path root = root(organisation);
            return Folders.names(root.resolve("outbox/online")).size() >= QUERIES * ORGANISATIONS.size()
                    && Folders.names(root.resolve("outbox/mass")).stream().filter(name -> name.endsWith(".summary.json"))
                    .count() >= ORGANISATIONS.size();
        });
    }

    private long answeredRows(Path root) {
        return Folders.names(root.resolve("outbox/mass")).stream().filter(name -> name.endsWith(".jsonl"))
                .mapToLong(name -> Folders.read(root.resolve("outbox/mass/" + name)).lines().count()).sum();
    }

    private Path root(String organisation) {
        return "default".equals(organisation) ? data : data.resolve(organisation);
    }

    private Map<String, String> leaders() {
        Map<String, String> leaders = new LinkedHashMap<>();
        ORGANISATIONS.forEach(organisation -> leaders.put(organisation, leaderOf(organisation)));
        return leaders;
    }

    /** The node whose health says it leads the organisation (null: none does now). */
    private String leaderOf(String organisation) {
        for (Map.Entry<String, Integer> node : ports.entrySet()) {
            if (nodes.get(node.getKey()).isAlive() && health(node.getValue(), organisation).contains("leads")) {
                return node.getKey();
            }
        }
        return null;
    }

    private boolean competesForAll(String node) {
        return ORGANISATIONS.stream().noneMatch(organisation -> health(ports.get(node), organisation).contains("waits")
                || health(ports.get(node), organisation).isEmpty());
    }

    /** What the node's health says of the organisation ("leads", "stands by", "waits ..."; empty while it does not serve). */
    private static String health(int port, String organisation) {
        if ("default".equals(organisation)) {
            // the default organisation's own check: "this node (a) leads", "... stands by", "... does not compete yet"
            String cluster = BundleHttp.healthMessage(port, "cluster");
            return cluster.isEmpty() ? "" : cluster.contains(") leads") ? "leads"
                    : cluster.contains("does not compete") ? "waits" : "stands by";
        }
        for (String line : BundleHttp.healthMessage(port, "organisations").split("; ")) {
            if (line.startsWith(organisation + ":")) {
                return line;
            }
        }
        return "";
    }
}
