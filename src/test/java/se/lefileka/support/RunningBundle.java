package se.lefileka.support;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import se.lefileka.BundleMain;
import se.lefileka.broker.BrokerSecurity;
import se.lefileka.sandbox.Sandbox;

/**
 * The real bundle, as {@code java -jar} starts it (the shipped config/ and routes/), on a data
 * folder of the test's, against a sandbox the test owns (so it outlives a bundle restart), with
 * its embedded broker on a free TCP port.
 */
public final class RunningBundle implements AutoCloseable {

    /** The embedded broker's users in tests: the bundle's own, a producer and a consumer. */
    public static final String BUNDLE_PASSWORD = "bundle-test-secret";
    public static final String PRODUCER_PASSWORD = "producer-test-secret";
    public static final String CONSUMER_PASSWORD = "consumer-test-secret";
    public static final String PSEUDONYM_KEY = "pseudonym-test-secret";

    /** Unless a test says otherwise, the bundle's time runs from a Tuesday morning, when FK takes mass calls. */
    public static final String OPEN_HOURS = "2026-11-24T10:00";

    /**
     * The lanes' limits in end-to-end tests that do not judge the SLA (their sandbox only counts
     * breaches): many calls a second, no gap, so that a test waits for what it tests, not for the budget.
     */
    public static final Map<String, String> LIFTED_LIMITS = Map.of(
            "lane.online.per-second", "50",
            "lane.online.window-millis", "1000",
            "lane.online.gap-millis", "0",
            "lane.mass.per-second", "50",
            "lane.mass.window-millis", "1000",
            "lane.mass.gap-millis", "0");

    private static final int PORTS_PER_FORK = 1500;
    private static final int PORT_BASE = 20_000 + PORTS_PER_FORK * Math.floorMod(Integer.getInteger("test.fork", 0), 8);
    private static final AtomicInteger NEXT_PORT = new AtomicInteger();

    private final Main main;
    private final Path dataDir;
    private final String brokerTcpUrl;
    private final Clock clock;

    private RunningBundle(Main main, Path dataDir, String brokerTcpUrl, Clock clock) {
        this.main = main;
        this.dataDir = dataDir;
        this.brokerTcpUrl = brokerTcpUrl;
        this.clock = clock;
    }

    public static RunningBundle start(Path dataDir, Sandbox sandbox, Map<String, String> settings) throws Exception {
        return start(dataDir, sandbox, settings, TestClock.at(OPEN_HOURS));
    }

    /** As {@link #start(Path, Sandbox, Map)}, with the bundle's time from the given clock. */
    public static RunningBundle start(Path dataDir, Sandbox sandbox, Map<String, String> settings, Clock clock)
            throws Exception {
        return start(dataDir, sandbox, settings, freePort(), clock, Map.of());
    }

    /** As {@link #start(Path, Sandbox, Map)}, with beans of the test's bound in the registry first. */
    public static RunningBundle startWith(Path dataDir, Sandbox sandbox, Map<String, String> settings,
                                          Map<String, Object> beans) throws Exception {
        return start(dataDir, sandbox, settings, freePort(), TestClock.at(OPEN_HOURS), beans);
    }

    /** Starts again on the same data folder, broker port and clock, as an operator's restart would. */
    public RunningBundle restart(Sandbox sandbox, Map<String, String> settings) throws Exception {
        close();
        return start(dataDir, sandbox, settings, brokerPort(), clock, Map.of());
    }

    private static RunningBundle start(Path dataDir, Sandbox sandbox, Map<String, String> settings, int brokerPort,
                                       Clock clock, Map<String, Object> beans) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("bundle.data.dir", dataDir.toString());
        all.put("jms.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort);
        all.put("bundle.http.port", String.valueOf(freePort()));
        all.put("lefi.sandbox.enabled", "false");
        all.put("jms.embedded.bundle-password", BUNDLE_PASSWORD);
        all.put("jms.embedded.producer-password", PRODUCER_PASSWORD);
        all.put("jms.embedded.consumer-password", CONSUMER_PASSWORD);
        // tests drop files by a rename, complete at once
        all.put("bundle.inbox.stable-millis", "1000");
        all.put("lefi.url", sandbox.url());
        all.put("leka.url", sandbox.url());
        all.put("bundle.audit.pseudonym-key", PSEUDONYM_KEY);
        if (!sandbox.refusesBreaches()) {
            all.putAll(LIFTED_LIMITS);
        }
        all.putAll(settings);
        Main main = BundleMain.create();
        all.forEach(main::addOverrideProperty);
        main.bind("clock", clock);
        beans.forEach(main::bind);
        main.start();
        return new RunningBundle(main, dataDir, "tcp://127.0.0.1:" + brokerPort, clock);
    }

    /** The port of the health and metrics server. */
    public int httpPort() {
        return Integer.parseInt(context().getPropertiesComponent().resolveProperty("bundle.http.port").orElseThrow());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /**
     * A JMS client of the embedded broker over TCP, as another process would connect, logged in as
     * the bundle itself (so a test may look into any queue).
     */
    public ConnectionFactory jmsClient() {
        return jmsClient(BrokerSecurity.BUNDLE_USER, BUNDLE_PASSWORD);
    }

    /** A JMS client of the embedded broker over TCP, logged in as the user (null: anonymous). */
    public ConnectionFactory jmsClient(String user, String password) {
        return new ActiveMQConnectionFactory(brokerTcpUrl, user, password);
    }

    /** The embedded broker's TCP port. */
    public int brokerPort() {
        return Integer.parseInt(brokerTcpUrl.substring(brokerTcpUrl.lastIndexOf(':') + 1));
    }

    public Path dir(String relative) throws IOException {
        return Files.createDirectories(dataDir.resolve(relative));
    }

    @Override
    public void close() {
        if (main.isStarted()) {
            main.stop();
        }
    }

    /**
     * A port free now, from a range of this test JVM's own (by failsafe's fork number, below the
     * system's ephemeral ports): test JVMs side by side never pick the same port between finding it
     * free and listening on it.
     */
    public static int freePort() throws IOException {
        for (int tried = 0; tried < PORTS_PER_FORK; tried++) {
            int port = PORT_BASE + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS_PER_FORK);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IOException("no free port in " + PORT_BASE + "-" + (PORT_BASE + PORTS_PER_FORK - 1));
    }
}
