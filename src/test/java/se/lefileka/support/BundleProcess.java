package se.lefileka.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import se.lefileka.BundleMain;
import se.lefileka.sandbox.Sandbox;

/**
 * The bundle in a process of its own (as {@code java -jar} runs it, on the test's classpath), so
 * that a test can kill it as {@code kill -9} would: no shutdown, no last writes.
 */
public final class BundleProcess {

    private final Process process;
    private final Path log;

    private BundleProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The bundle's log so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the bundle says it has started. */
    public void awaitStarted(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log).contains("(lefi-leka-bundle) started in"));
    }

    public static BundleProcess start(Path dataDir, Sandbox sandbox, Map<String, String> settings) throws IOException {
        return start(dataDir, sandbox, settings, List.of());
    }

    /** As {@link #start(Path, Sandbox, Map)}, with options for the JVM (heap size, GC log). */
    public static BundleProcess start(Path dataDir, Sandbox sandbox, Map<String, String> settings,
                                      List<String> jvmOptions) throws IOException {
        return start(dataDir, sandbox, settings, jvmOptions, "bundle-process.log");
    }

    /** One of several nodes on the same data folder: its log is {@code bundle-<node>.log} there. */
    public static BundleProcess startNode(Path dataDir, Sandbox sandbox, Map<String, String> settings, String node)
            throws IOException {
        return start(dataDir, sandbox, settings, List.of(), "bundle-" + node + ".log");
    }

    private static BundleProcess start(Path dataDir, Sandbox sandbox, Map<String, String> settings,
                                       List<String> jvmOptions, String logName) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                "-Dbundle.data.dir=" + dataDir,
                "-Djms.embedded.acceptor=tcp://127.0.0.1:" + RunningBundle.freePort(),
                "-Dbundle.http.port=" + RunningBundle.freePort(),
                "-Dlefi.sandbox.enabled=false",
                "-Dbundle.inbox.stable-millis=1000",
                "-Djms.embedded.bundle-password=" + RunningBundle.BUNDLE_PASSWORD,
                "-Dlefi.url=" + sandbox.url(),
                "-Dleka.url=" + sandbox.url(),
                "-Dbundle.audit.pseudonym-key=" + RunningBundle.PSEUDONYM_KEY,
                // a process of its own runs on the real clock: take calls at whatever hour the test runs
                "-Dlefi.mass.gate.enabled=false",
                "-Dlefi.online.service-window.hold=false"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(BundleMain.class.getName());
        Path log = dataDir.resolve(logName);
        return new BundleProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start(), log);
    }

    /** Stops the process as an operator would (SIGTERM: an orderly shutdown). */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Kills the process at once (SIGKILL), as {@code kill -9} does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the bundle process did not die");
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int exitCode(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("the bundle process did not exit within " + within);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
