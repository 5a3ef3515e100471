package se.lefileka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each FK budget's rule has one owner: its settings (calls per window, the window, threads, the
 * gap) are read in {@link BudgetConfiguration} and nowhere else, neither in a route file nor in
 * another class; everything else asks the budget.
 */
class BudgetSettingsReadOnceTest {

    private static final Pattern BUDGET_SETTING =
            Pattern.compile("lane\\.(online|mass)\\.(per-second|window-millis|threads|gap-millis)");

    @Test
    void theBudgetsSettingsAreReadInTheBudgetsConfigurationOnly() throws IOException {
        assertThat(readers(Path.of("src/main/java"))).containsExactly(
                Path.of("src/main/java/se/lefileka/config/BudgetConfiguration.java"));
        assertThat(readers(Path.of("routes"))).as("route files").isEmpty();
    }

    private static List<Path> readers(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return BUDGET_SETTING.matcher(Files.readString(file)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
