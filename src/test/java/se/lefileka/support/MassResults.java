package se.lefileka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.lefileka.sandbox.Sandbox;

/** Checks a batch's output against the rows that went in. */
public final class MassResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every row has exactly one result line, in input order, with the status (and field) it must have. */
    public static void assertLinesMatch(Path results, MassRows rows) throws IOException {
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).as("one result line per input row").hasSize(rows.rows().size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            MassRows.Row row = rows.rows().get(i);
            assertThat(line.path("line").asInt()).as("line of result %d", i + 1).isEqualTo(i + 1);
            assertThat(line.path("status").asText()).as("status of line %d", i + 1).isEqualTo(row.status());
            if (row.field() != null) {
                assertThat(line.path("error").path("field").asText()).as("field of line %d", i + 1)
                        .isEqualTo(row.field());
            }
        }
    }

    /** The summary names the batch and counts each status as the rows must come out. */
    public static JsonNode assertSummaryMatches(String summaryJson, String batch, MassRows rows) throws IOException {
        JsonNode summary = JSON.readTree(summaryJson);
        assertThat(summary.path("batch").asText()).isEqualTo(batch);
        assertThat(summary.path("rows").asInt()).isEqualTo(rows.rows().size());
        Map<String, Integer> counts = new TreeMap<>();
        summary.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        assertThat(counts).isEqualTo(rows.expectedCounts());
        assertThat(summary.path("startedAt").asText()).isNotBlank();
        assertThat(summary.path("endedAt").asText()).isNotBlank();
        return summary;
    }

    /**
     * Waits for the batch to complete, then checks its output against the rows and that FK opened
     * one case per chunk (none under a new fragaId).
     */
    public static void assertCompletesOnce(Path data, String batch, MassRows rows, Sandbox sandbox, int chunks)
            throws IOException {
        Path summary = data.resolve("outbox/mass/" + batch + ".summary.json");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(summary));
        assertLinesMatch(data.resolve("outbox/mass/" + batch + ".jsonl"), rows);
        assertSummaryMatches(Folders.read(summary), batch, rows);
        assertThat(sandbox.massSubmissions()).as("every chunk opened one case: none under a new fragaId")
                .isEqualTo(chunks);
    }

    private MassResults() {
    }
}
