package se.lefileka.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every route change applied while the bundle runs, kept one JSON line each in
 * {@code <bundle.data.dir>/route-changes.jsonl}: so an operator can tell what ran when.
 */
public class RouteChangeLog {

    /**
     * One file's change: {@code added}, {@code changed} or {@code removed}; the routes stopped and
     * started; the SHA-256 of the text before and after (null for none).
     */
    public record Change(OffsetDateTime at, String file, String kind, Set<String> stopped, Set<String> started,
                         String oldHash, String newHash) {
    }

    private final ObjectMapper json;
    private final Path file;

    public RouteChangeLog(ObjectMapper json, Path file) {
        this.json = json;
        this.file = file;
    }

    public synchronized void write(Change change) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.writeValueAsString(change) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last changes, newest first. */
    public synchronized List<Change> last(int count) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Change> changes = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && changes.size() < count; i--) {
            if (!lines.get(i).isBlank()) {
                changes.add(json.readValue(lines.get(i), Change.class));
            }
        }
        return changes;
    }
}
