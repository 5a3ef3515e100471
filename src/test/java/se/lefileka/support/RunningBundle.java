package se.lefileka.support;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import se.lefileka.BundleMain;
import se.lefileka.sandbox.Sandbox;

/**
 * The real bundle, as {@code java -jar} starts it (the shipped config/ and routes/), on a data
 * folder of the test's, against a sandbox the test owns (so it outlives a bundle restart), with
 * its embedded broker on a free TCP port.
 */
public final class RunningBundle implements AutoCloseable {

    private final Main main;
    private final Path dataDir;
    private final String brokerTcpUrl;

    private RunningBundle(Main main, Path dataDir, String brokerTcpUrl) {
        this.main = main;
        this.dataDir = dataDir;
        this.brokerTcpUrl = brokerTcpUrl;
    }

    public static RunningBundle start(Path dataDir, Sandbox sandbox, Map<String, String> settings) throws Exception {
        return start(dataDir, sandbox, settings, freePort());
    }

    /** Starts again on the same data folder and broker port, as an operator's restart would. */
    public RunningBundle restart(Sandbox sandbox, Map<String, String> settings) throws Exception {
        close();
        return start(dataDir, sandbox, settings, Integer.parseInt(brokerTcpUrl.substring(brokerTcpUrl.lastIndexOf(':') + 1)));
    }

    private static RunningBundle start(Path dataDir, Sandbox sandbox, Map<String, String> settings, int brokerPort)
            throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("bundle.data.dir", dataDir.toString());
        all.put("jms.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort);
        all.put("lefi.sandbox.enabled", "false");
        all.put("lefi.url", sandbox.url());
        all.put("leka.url", sandbox.url());
        all.putAll(settings);
        Main main = BundleMain.create();
        all.forEach(main::addOverrideProperty);
        main.start();
        return new RunningBundle(main, dataDir, "tcp://127.0.0.1:" + brokerPort);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** A JMS client of the embedded broker over TCP, as another process would connect. */
    public ConnectionFactory jmsClient() {
        return new ActiveMQConnectionFactory(brokerTcpUrl);
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

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
