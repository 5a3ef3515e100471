package se.lefileka.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The settings as shipped in {@code config/application.properties}, unresolved. */
public final class ShippedSettings {

    public static Properties load() throws IOException {
        Properties shipped = new Properties();
        try (Reader file = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(file);
        }
        return shipped;
    }

    private ShippedSettings() {
    }
}
