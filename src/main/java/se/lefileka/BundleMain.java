package se.lefileka;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.routing.BundleStart;

/**
 * Starts the bundle: reads {@code config/application.properties} and the YAML routes in
 * {@code routes/} from the working directory; any property can be overridden by a JVM system
 * property or an environment variable.
 */
public final class BundleMain {

    private static final Logger LOG = LoggerFactory.getLogger(BundleMain.class);

    /**
     * Runs the bundle until it is stopped; exits with 0 after an orderly stop, and with 1 when it
     * cannot start (a service manager never takes a bundle that failed to start for a running one).
     */
    public static void main(String... args) {
        int exitCode;
        try {
            exitCode = create().run(args);
        } catch (Throwable e) {
            LOG.error("The bundle cannot start: {}", BundleStart.describe(e));
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** A bundle ready to {@code start()} or {@code run()}. */
    public static Main create() {
        return BundleStart.create();
    }

    private BundleMain() {
    }
}
