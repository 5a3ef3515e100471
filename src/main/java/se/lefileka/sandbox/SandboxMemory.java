package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the sandbox keeps across a restart, as FK does: its mass cases, its subscriptions, its
 * notifications not yet acknowledged and its numbering, as JSON files in a folder of the bundle's
 * data folder, each written whole and moved into place (a kill leaves the last whole one). A
 * sandbox without a folder (a test's, a benchmark's) forgets on stop.
 */
final class SandboxMemory {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path dir;

    private SandboxMemory(Path dir) {
        this.dir = dir;
    }

    static SandboxMemory none() {
        return new SandboxMemory(null);
    }

    static SandboxMemory in(Path dir) {
        try {
            return new SandboxMemory(Files.createDirectories(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox's state in " + dir, e);
        }
    }

    /** Keeps the state under the name ({@code cases/M-1}, {@code leka}), replacing what it kept before. */
    void keep(String name, Object state) {
        if (dir == null) {
            return;
        }
        try {
            Path target = dir.resolve(name + ".json");
            Files.createDirectories(target.getParent());
            Path written = target.resolveSibling("." + target.getFileName() + ".tmp");
            JSON.writeValue(written.toFile(), state);
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox's " + name, e);
        }
    }

    void forget(String name) {
        if (dir != null) {
            try {
                Files.deleteIfExists(dir.resolve(name + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot forget the sandbox's " + name, e);
            }
        }
    }

    /** What was kept under the name; null when nothing was. */
    <T> T recall(String name, Class<T> type) {
        Path kept = dir == null ? null : dir.resolve(name + ".json");
        if (kept == null || !Files.exists(kept)) {
            return null;
        }
        try {
            return JSON.readValue(kept.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's " + name, e);
        }
    }

    /** Everything kept in the folder ({@code cases}), in no order. */
    <T> List<T> recallAll(String folder, Class<T> type) {
        List<T> all = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir.resolve(folder))) {
            return all;
        }
        JavaType javaType = JSON.constructType(type);
        try (Stream<Path> files = Files.list(dir.resolve(folder))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[^.].*\\.json")).toList()) {
                all.add(JSON.readValue(file.toFile(), javaType));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's " + folder, e);
        }
        return all;
    }
}
