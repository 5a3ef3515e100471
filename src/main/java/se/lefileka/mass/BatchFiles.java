package se.lefileka.mass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import se.lefileka.query.QueryResult;

/**
 * Where a batch keeps its answered rows until its output is written: one file per chunk (and one
 * per group of rejected rows) under {@code work/mass/<batch id>/}, each in input order and named
 * by its first line. Each file is written whole under a temporary name and then renamed, so
 * writing it again (after a crash, a redelivery) replaces it and never doubles a row.
 */
public class BatchFiles {

    private final Path root;
    private final ObjectWriter lines;

    public BatchFiles(Path dataDir, ObjectMapper json) {
        this.root = dataDir.resolve("work").resolve("mass");
        this.lines = json.writer();
    }

    public void writeAnswers(String batchId, int firstLine, String part, List<QueryResult> results)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(batchId));
        Path target = dir.resolve(String.format("%010d-%s.jsonl", firstLine, part));
        Path temporary = dir.resolve("." + target.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (QueryResult result : results) {
                out.write(lines.writeValueAsString(result));
                out.newLine();
            }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The batch's answer files, by first line. */
    public List<Path> answers(String batchId) throws IOException {
        Path dir = root.resolve(batchId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    public void delete(String batchId) throws IOException {
        Path dir = root.resolve(batchId);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
