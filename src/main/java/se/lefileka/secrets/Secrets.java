package se.lefileka.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Passwords the settings name: given directly (through the environment, e.g.
 * {@code JMS_BROKER_PASSWORD}) or as a file holding it ({@code <key>-file}), never in the repository.
 */
public final class Secrets {

    private Secrets() {
    }

    /** The password under {@code key}, read from the file {@code key-file} when that is set; empty when neither is. */
    public static String password(UnaryOperator<String> settings, String key) {
        String file = settings.apply(key + "-file");
        if (!file.isEmpty()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key + "-file " + file, e);
            }
        }
        return settings.apply(key);
    }
}
