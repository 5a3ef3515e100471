package se.lefileka.support;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Sandbox;

/** An end-to-end test: a sandbox of the test's own, and the real bundle on a fresh data folder. */
public abstract class BundleTestSupport {

    @TempDir
    protected Path data;
    protected Sandbox sandbox;
    protected RunningBundle bundle;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.start();
    }

    /** Replaces the test's sandbox by one whose time is the given clock (the bundle's, when a test shares it). */
    protected void sandboxOn(Clock clock) throws Exception {
        sandbox.stop();
        sandbox = new Sandbox(0, clock);
        sandbox.start();
    }

    @AfterEach
    void stopBundleAndSandbox() {
        if (bundle != null) {
            bundle.close();
        }
        sandbox.stop();
    }
}
