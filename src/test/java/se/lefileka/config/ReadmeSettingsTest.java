package se.lefileka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import se.lefileka.support.ShippedSettings;

/** Every setting an operator can change is in the README's settings table, under its full name. */
class ReadmeSettingsTest {

    @Test
    void everyKeyOfThePropertiesFileIsInTheReadmesSettingsTable() throws Exception {
        Properties shipped = ShippedSettings.load();
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Settings"), readme.indexOf("\n## ", readme.indexOf("## Settings") + 1));
        assertThat(shipped.stringPropertyNames().stream().filter(key -> !key.startsWith("camel."))
                .filter(key -> !table.contains("`" + key + "`")).sorted().toList())
                .as("keys missing from the README's settings table").isEmpty();
    }
}
