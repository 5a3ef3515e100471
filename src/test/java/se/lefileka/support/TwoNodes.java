package se.lefileka.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.lefileka.sandbox.Sandbox;

/**
 * Two nodes as in production: each a bundle in a JVM of its own on a shared data folder, a
 * standalone Artemis broker and a real PostgreSQL server; node a leads, node b stands by.
 * Closing kills what still runs.
 */
public final class TwoNodes implements AutoCloseable {

    private final Path data;
    private final Sandbox sandbox;
    private final BrokerProcess broker;
    private final Map<String, String> settings = new HashMap<>();
    private final List<BundleProcess> nodes = new ArrayList<>();
    private final int httpA = RunningBundle.freePort();
    private final int httpB = RunningBundle.freePort();
    private final BundleProcess a;
    private final BundleProcess b;

    private TwoNodes(Path data, Sandbox sandbox, Path infrastructure, Map<String, String> common,
                     Map<String, String> aOnly, Map<String, String> bOnly) throws Exception {
        this.data = data;
        this.sandbox = sandbox;
        this.broker = BrokerProcess.start(infrastructure.resolve("broker"));
        Path password = Files.writeString(infrastructure.resolve("broker-password"), BrokerProcess.PASSWORD + "\n");
        settings.put("jms.broker.url", broker.url());
        settings.put("jms.broker.user", BrokerProcess.USER);
        settings.put("jms.broker.password-file", password.toString());
        settings.put("bundle.db.url", Postgres.newDatabase());
        settings.put("bundle.db.user", "postgres");
        settings.put("bundle.cluster.mode", "file");
        settings.put("lefi.mass.chunk-size", "100");
        settings.put("lefi.mass.first-poll-millis", "1000");
        // no LEKA fetches: the online lane's calls are the test's queries
        settings.put("leka.notifications.first-fetch-millis", "600000");
        settings.putAll(common);
        this.a = node("a", httpA, aOnly);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster(httpA).contains("this node (a) leads"));
        this.b = node("b", httpB, bOnly);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster(httpB).contains("this node (b) stands by"));
    }

    /** Node a, which leads, then node b, which stands by. */
    public static TwoNodes start(Path data, Sandbox sandbox, Path infrastructure) throws Exception {
        return new TwoNodes(data, sandbox, infrastructure, Map.of(), Map.of(), Map.of());
    }

    /**
     * As {@link #start(Path, Sandbox, Path)}, with settings of the test's for both nodes and for
     * each (node a, which leads the default organisation, then node b).
     */
    public static TwoNodes start(Path data, Sandbox sandbox, Path infrastructure, Map<String, String> common,
                                 Map<String, String> aOnly, Map<String, String> bOnly) throws Exception {
        return new TwoNodes(data, sandbox, infrastructure, common, aOnly, bOnly);
    }

    /** The node that led first. */
    public BundleProcess a() {
        return a;
    }

    /** The node that stood by first. */
    public BundleProcess b() {
        return b;
    }

    /** Node a's HTTP port (health, console). */
    public int httpA() {
        return httpA;
    }

    /** The standby's HTTP port (health, console). */
    public int httpB() {
        return httpB;
    }

    public BrokerProcess broker() {
        return broker;
    }

    /** What node b's health says of the cluster (empty while it does not serve). */
    public String clusterSeenByB() {
        return cluster(httpB);
    }

    private BundleProcess node(String id, int httpPort, Map<String, String> own) throws Exception {
        Map<String, String> nodeSettings = new HashMap<>(settings);
        nodeSettings.putAll(own);
        nodeSettings.put("bundle.node.id", id);
        nodeSettings.put("bundle.http.port", String.valueOf(httpPort));
        BundleProcess node = BundleProcess.startNode(data, sandbox, nodeSettings, id);
        nodes.add(node);
        return node;
    }

    private static String cluster(int httpPort) {
        return BundleHttp.healthMessage(httpPort, "cluster");
    }

    @Override
    public void close() throws Exception {
        for (BundleProcess node : nodes) {
            if (node.isAlive()) {
                node.kill();
            }
        }
        broker.close();
    }
}
