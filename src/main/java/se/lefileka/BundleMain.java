package se.lefileka;

import org.apache.camel.main.Main;

/**
 * Starts the bundle: reads {@code config/application.properties} and the YAML routes in
 * {@code routes/} from the working directory; any property can be overridden by a JVM system
 * property or an environment variable.
 */
public final class BundleMain {

    public static final String PROPERTIES = "file:config/application.properties";

    public static void main(String... args) throws Exception {
        create().run(args);
    }

    /** A bundle ready to {@code start()} or {@code run()}. */
    public static Main create() {
        Main main = new Main();
        // the configuration classes are named in the properties (camel.main.configuration-classes),
        // so Camel's own runners start the bundle with its beans as this class does
        main.setPropertyPlaceholderLocations(PROPERTIES);
        return main;
    }

    private BundleMain() {
    }
}
