package se.lefileka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every setting an operator can change is in the README's settings table, under its full name. */
class ReadmeSettingsTest {

    @Test
    void everyKeyOfThePropertiesFileIsInTheReadmesSettingsTable() throws Exception {
        Properties shipped = new Properties();
        try (Reader file = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(file);
        }
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Settings"), readme.indexOf("\n## ", readme.indexOf("## Settings") + 1));
        assertThat(shipped.stringPropertyNames().stream().filter(key -> !key.startsWith("camel."))
                .filter(key -> !table.contains("`" + key + "`")).sorted().toList())
                .as("keys missing from the README's settings table").isEmpty();
    }
}
