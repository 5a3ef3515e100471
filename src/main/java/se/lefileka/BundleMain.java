package se.lefileka;

import java.util.regex.Pattern;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.routing.RouteRulesAtStart;

/**
 * Starts the bundle: reads {@code config/application.properties} and the YAML routes in
 * {@code routes/} from the working directory; any property can be overridden by a JVM system
 * property or an environment variable.
 */
public final class BundleMain {

    private static final Logger LOG = LoggerFactory.getLogger(BundleMain.class);
    private static final Pattern BUNDLE_KEY = Pattern.compile("(lefi|leka|jms|bundle|fk|sla|lane)\\.");

    public static final String PROPERTIES = "file:config/application.properties";

    /**
     * Runs the bundle until it is stopped; exits with 0 after an orderly stop, and with 1 when it
     * cannot start (a service manager never takes a bundle that failed to start for a running one).
     */
    public static void main(String... args) {
        int exitCode;
        try {
            exitCode = create().run(args);
        } catch (Throwable e) {
            LOG.error("The bundle cannot start: {}", describe(e));
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** A bundle ready to {@code start()} or {@code run()}. */
    public static Main create() {
        unsetBlankSystemProperties();
        Main main = new Main();
        // the configuration classes are named in the properties (camel.main.configuration-classes),
        // so Camel's own runners start the bundle with its beans as this class does
        main.setPropertyPlaceholderLocations(PROPERTIES);
        main.addMainListener(new RouteRulesAtStart());
        return main;
    }

    /**
     * {@code -Dlefi.url=} (empty) means unset, as an empty value in the properties file does: a
     * system property wins over every other source, so an empty one of the bundle's would hide
     * what the bundle puts in its place (the sandbox's URL, a generated password).
     */
    static void unsetBlankSystemProperties() {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (System.getProperty(key).isBlank() && BUNDLE_KEY.matcher(key).lookingAt()) {
                System.clearProperty(key);
            }
        }
    }

    /** An exception's message and those of its causes, each once. */
    static String describe(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
                message.append(message.isEmpty() ? "" : "; caused by: ").append(t.getMessage());
            }
        }
        return message.toString();
    }

    private BundleMain() {
    }
}
