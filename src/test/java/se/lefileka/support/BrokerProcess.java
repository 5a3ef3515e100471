package se.lefileka.support;

import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A {@link StandaloneBroker} in its own JVM, started by a test and killed or stopped by it. */
public final class BrokerProcess implements AutoCloseable {

    public static final String USER = "lefi-leka";
    public static final String PASSWORD = "broker-test-secret";

    private final Process process;
    private final Path log;
    private final String url;

    private BrokerProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts the broker on a journal in the folder and waits until it listens. */
    public static BrokerProcess start(Path folder) throws IOException {
        int port = RunningBundle.freePort();
        return launch(folder, port, "broker.log", "tcp://127.0.0.1:" + port);
    }

    /**
     * A live/backup pair on a shared store in the folder: the primary, started, and the backup,
     * announced to it, ready to take over; both have the failover URL that names the two.
     */
    public static List<BrokerProcess> startPair(Path folder) throws IOException {
        int primaryPort = RunningBundle.freePort();
        int backupPort = RunningBundle.freePort();
        String url = "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true"
                + "&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.0";
        BrokerProcess primary = launch(folder, primaryPort, "primary.log", url, "primary", String.valueOf(backupPort));
        BrokerProcess backup = launch(folder, backupPort, "backup.log", url, "backup", String.valueOf(primaryPort));
        // AMQ221031: the backup is announced to the live broker, which tells its clients
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(backup.log).contains("AMQ221031"));
        return List.of(primary, backup);
    }

    private static BrokerProcess launch(Path folder, int port, String logName, String url, String... ha)
            throws IOException {
        Files.createDirectories(folder);
        Path log = folder.resolve(logName);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), StandaloneBroker.class.getName(),
                folder.toString(), String.valueOf(port), USER));
        command.addAll(List.of(ha));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BROKER_PASSWORD", PASSWORD);
        BrokerProcess broker = new BrokerProcess(builder.start(), log, url);
        await().atMost(Duration.ofSeconds(60)).until(() -> !broker.process.isAlive()
                || Files.readString(log).contains(StandaloneBroker.READY));
        if (!broker.process.isAlive()) {
            throw new IllegalStateException("the broker did not start: " + Files.readString(log));
        }
        return broker;
    }

    /** The URL clients connect with (for a pair: the failover URL that names both). */
    public String url() {
        return url;
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
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
