package se.lefileka.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Dropping files as users do (written elsewhere, then moved in) and reading what came out. */
public final class Folders {

    public static void drop(Path folder, String name, String content) throws IOException {
        drop(folder, name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void drop(Path folder, String name, byte[] content) throws IOException {
        Path staging = Files.createTempFile(folder.getParent(), ".staging", ".tmp");
        Files.write(staging, content);
        Files.move(staging, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The names of the files in a folder, without hidden (in-progress) ones. */
    public static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Folders() {
    }
}
