package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;

/** A broken row deep in a mass file is that row's problem: it is REJECTED with its line, and the batch goes on to its end. */
class MassBrokenInputTest extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BATCH_TIME = Duration.ofSeconds(90);

    @BeforeEach
    void startBundle() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "100"));
    }

    @Test
    void aByteThatIsNotUtf8AfterRowsWereSubmittedRejectsItsRowOnly() throws Exception {
        MassRows rows = MassRows.of(450, 0);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((MassRows.CSV_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows.rows().size(); i++) {
            String line = rows.rows().get(i).csv() + "\n";
            // row 401: the purpose written in Latin-1 (Å is one byte, not UTF-8)
            file.writeBytes(i == 400 ? line.replace("HANDLAGGNING", "HANDL\u00c5GGNING").getBytes(StandardCharsets.ISO_8859_1)
                    : line.getBytes(StandardCharsets.UTF_8));
        }
        Folders.drop(bundle.dir("inbox/mass"), "latin1.csv", file.toByteArray());

        List<JsonNode> results = resultsOf("latin1", 450);
        JsonNode bad = results.get(400);
        assertThat(bad.path("line").asInt()).isEqualTo(401);
        assertThat(bad.path("status").asText()).isEqualTo("REJECTED");
        assertThat(bad.path("error").path("field").asText()).isEqualTo("row");
        assertThat(bad.path("error").path("reason").asText()).contains("not UTF-8");
        assertThat(results).filteredOn(r -> r.path("status").asText().equals("REJECTED")).hasSize(1);
        assertThat(Folders.names(data.resolve("error/mass"))).isEmpty();
        assertThat(Folders.names(data.resolve("archive/mass"))).hasSize(1);
        assertThat(Folders.names(data.resolve("work/mass"))).as("work files removed").isEmpty();
    }

    @Test
    void aNestingBombOrAHugeStringInAJsonlRowRejectsItsRowOnly() throws Exception {
        MassRows rows = MassRows.of(250, 0);
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < rows.rows().size(); i++) {
            file.append(i == 120 ? "[".repeat(100_000) : i == 130 ? "{\"personnummer\": \"" + "1".repeat(50_000) + "\"}"
                    : rows.rows().get(i).jsonl()).append('\n');
        }
        Folders.drop(bundle.dir("inbox/mass"), "bombs.jsonl", file.toString());

        List<JsonNode> results = resultsOf("bombs", 250);
        assertThat(results.get(120).path("error").path("reason").asText()).contains("nested more than");
        assertThat(results.get(130).path("error").path("reason").asText()).contains("string longer than");
        assertThat(results).filteredOn(r -> r.path("status").asText().equals("REJECTED")).hasSize(2);
    }

    private List<JsonNode> resultsOf(String batch, int rows) throws Exception {
        Path summary = data.resolve("outbox/mass/" + batch + ".summary.json");
        await().atMost(BATCH_TIME).until(() -> Files.exists(summary));
        assertThat(JSON.readTree(Folders.read(summary)).path("rows").asInt()).isEqualTo(rows);
        List<JsonNode> results = Files.readAllLines(data.resolve("outbox/mass/" + batch + ".jsonl")).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(results).hasSize(rows);
        return results;
    }
}
