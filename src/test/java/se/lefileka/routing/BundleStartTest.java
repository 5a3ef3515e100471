package se.lefileka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installation upgraded without touching its settings starts with the configuration classes where they are now. */
class BundleStartTest {

    @TempDir
    Path dir;

    @Test
    void configurationClassesNamedAsBeforeAreTakenUnderTheirNamesNowWithTheBudgetsOwn() throws Exception {
        Path settings = dir.resolve("application.properties");
        Files.writeString(settings, """
                camel.main.configuration-classes = se.lefileka.BundleConfiguration,se.lefileka.ClusterConfiguration,\\
                  se.lefileka.LaneConfiguration,se.lefileka.MassConfiguration
                """);

        assertThat(BundleStart.formerConfigurationClasses(settings)).contains("se.lefileka.config.BundleConfiguration,"
                + "se.lefileka.config.ClusterConfiguration,se.lefileka.config.BudgetConfiguration,"
                + "se.lefileka.config.LaneConfiguration,se.lefileka.config.MassConfiguration");
    }

    @Test
    void theShippedSettingsAreTakenAsTheyAre() {
        assertThat(BundleStart.formerConfigurationClasses(Path.of(BundleStart.PROPERTIES))).isEmpty();
    }
}
