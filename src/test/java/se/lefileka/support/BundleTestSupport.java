package se.lefileka.support;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Sandbox;

/**
 * An end-to-end test: a sandbox of the test's own, and the real bundle on a fresh data folder. Unless
 * the test is {@link SlaJudged}, the sandbox only counts breaches and the bundle's lanes run on
 * lifted limits ({@link RunningBundle#LIFTED_LIMITS}): the test is about what the bundle does, not its pace.
 */
public abstract class BundleTestSupport {

    @TempDir
    protected Path data;
    protected Sandbox sandbox;
    protected RunningBundle bundle;

    @BeforeEach
    void startSandbox() throws Exception {
        sandboxOn(Clock.systemUTC());
    }

    /** Replaces the test's sandbox by one whose time is the given clock (the bundle's, when a test shares it). */
    protected void sandboxOn(Clock clock) throws Exception {
        if (sandbox != null) {
            sandbox.stop();
        }
        sandbox = new Sandbox(0, clock);
        sandbox.refuseBreaches(getClass().isAnnotationPresent(SlaJudged.class));
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
