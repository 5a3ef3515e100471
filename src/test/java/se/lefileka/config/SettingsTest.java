package se.lefileka.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import se.lefileka.support.ShippedSettings;

class SettingsTest {

    @Test
    void theShippedSettingsPassTheCheckAndAThreadCountOfZeroDoesNot() throws Exception {
        Properties shipped = ShippedSettings.load();
        // the shipped settings run the sandbox (no lefi.url): the placeholder pseudonym key is allowed there
        Settings.check(key -> shipped.getProperty(key, "").trim());
        assertThatThrownBy(() -> Settings.check(key -> "lane.online.threads".equals(key) ? "0"
                : shipped.getProperty(key, "").trim()))
                .hasMessageContaining("lane.online.threads = '0': must be a whole number of 1 or more");
    }
}
