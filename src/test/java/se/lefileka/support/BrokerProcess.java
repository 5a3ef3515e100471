package se.lefileka.support;

import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A {@link StandaloneBroker} in its own JVM, started by a test and killed or stopped by it. */
public final class BrokerProcess implements AutoCloseable {

    public static final String USER = "lefi-leka";
    public static final String PASSWORD = "broker-test-secret";

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker on a journal in the folder and waits until it listens. */
    public static BrokerProcess start(Path folder) throws IOException {
        Files.createDirectories(folder);
        int port = RunningBundle.freePort();
        Path log = folder.resolve("broker.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StandaloneBroker.class.getName(),
                folder.toString(), String.valueOf(port), USER)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BROKER_PASSWORD", PASSWORD);
        BrokerProcess broker = new BrokerProcess(builder.start(), port);
        await().atMost(Duration.ofSeconds(60)).until(() -> !broker.process.isAlive()
                || Files.readString(log).contains(StandaloneBroker.READY));
        if (!broker.process.isAlive()) {
            throw new IllegalStateException("the broker did not start: " + Files.readString(log));
        }
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** A JMS client of the broker, as the bundle's user. */
    public ConnectionFactory client() {
        return new ActiveMQConnectionFactory(url(), USER, PASSWORD);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
