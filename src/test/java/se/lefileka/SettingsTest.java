package se.lefileka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theShippedSettingsPassTheCheckAndAThreadCountOfZeroDoesNot() throws Exception {
        Properties shipped = new Properties();
        try (Reader file = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(file);
        }
        // the shipped settings run the sandbox (no lefi.url): the placeholder pseudonym key is allowed there
        Settings.check(key -> shipped.getProperty(key, "").trim());
        assertThatThrownBy(() -> Settings.check(key -> "lane.online.threads".equals(key) ? "0"
                : shipped.getProperty(key, "").trim()))
                .hasMessageContaining("lane.online.threads = '0': must be a whole number of 1 or more");
    }
}
