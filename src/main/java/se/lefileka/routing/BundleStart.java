package se.lefileka.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundle's Camel {@link Main}, as the bundle and the route check start it: the settings in
 * {@code config/application.properties} (any of them overridden by a JVM system property or an
 * environment variable) and the route rules, checked before any route starts.
 */
public final class BundleStart {

    private static final Logger LOG = LoggerFactory.getLogger(BundleStart.class);
    /** The bundle's own settings (not Camel's): their keys begin so. */
    public static final Pattern BUNDLE_KEY = Pattern.compile("(lefi|leka|jms|bundle|fk|sla|lane)\\.");
    private static final String CONFIGURATION_CLASSES = "camel.main.configuration-classes";
    /** A configuration class named where it was before 2026-12 (se.lefileka.XConfiguration). */
    private static final Pattern FORMER_CONFIGURATION = Pattern.compile("se\\.lefileka\\.(\\w+Configuration)\\b");

    public static final String PROPERTIES = "config/application.properties";

    /** A bundle ready to {@code start()} or {@code run()}. */
    public static Main create() {
        unsetBlankSystemProperties();
        Main main = new Main();
        // the configuration classes are named in the properties (camel.main.configuration-classes),
        // so Camel's own runners start the bundle with its beans as this class does
        main.setPropertyPlaceholderLocations("file:" + PROPERTIES);
        formerConfigurationClasses(Path.of(PROPERTIES)).ifPresent(
                classes -> main.addOverrideProperty(CONFIGURATION_CLASSES, classes));
        main.addMainListener(new RouteRulesAtStart());
        return main;
    }

    /**
     * The configuration classes as they are named now, when the settings name them as before (an
     * installation upgraded without touching its configuration): the classes moved to
     * {@code se.lefileka.config}, and the budgets' own class came beside the lanes'.
     */
    static Optional<String> formerConfigurationClasses(Path properties) {
        Properties settings = new Properties();
        if (Files.isRegularFile(properties)) {
            try (InputStream in = Files.newInputStream(properties)) {
                settings.load(in);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        String named = settings.getProperty(CONFIGURATION_CLASSES, "");
        if (!FORMER_CONFIGURATION.matcher(named).find()) {
            return Optional.empty();
        }
        LOG.warn("{} names the configuration classes as before (se.lefileka.XConfiguration); they are "
                + "se.lefileka.config.XConfiguration now: please name them so, as the shipped settings do. "
                + "Taken as the shipped ones for now", CONFIGURATION_CLASSES);
        String now = FORMER_CONFIGURATION.matcher(named).replaceAll("se.lefileka.config.$1");
        return Optional.of(now.contains("BudgetConfiguration") ? now
                : now.replace("se.lefileka.config.LaneConfiguration",
                        "se.lefileka.config.BudgetConfiguration,se.lefileka.config.LaneConfiguration"));
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
    public static String describe(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
                message.append(message.isEmpty() ? "" : "; caused by: ").append(t.getMessage());
            }
        }
        return message.toString();
    }

    private BundleStart() {
    }
}
