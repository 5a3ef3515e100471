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
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** A broken row deep in a mass file is that row's problem: it is REJECTED with its line, and the batch goes on to its end. */
class MassBrokenInputIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BATCH_TIME = Duration.ofSeconds(90);

    @BeforeEach
    void startBundle() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "100",
                "bundle.input.max-bytes", "4096", "bundle.input.max-string-length", "1000"));
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
            file.append(i == 120 ? "[".repeat(3000) : i == 130 ? "{\"personnummer\": \"" + "1".repeat(2000) + "\"}"
                    : rows.rows().get(i).jsonl()).append('\n');
        }
        Folders.drop(bundle.dir("inbox/mass"), "bombs.jsonl", file.toString());

        List<JsonNode> results = resultsOf("bombs", 250);
        assertThat(results.get(120).path("error").path("reason").asText()).contains("nested more than");
        assertThat(results.get(130).path("error").path("reason").asText()).contains("string longer than");
        assertThat(results).filteredOn(r -> r.path("status").asText().equals("REJECTED")).hasSize(2);
    }

    @Test
    void aQuotedFieldWithALineBreakRejectsItsRowAsOneAndEveryLaterRowKeepsItsLine() throws Exception {
        MassRows rows = MassRows.of(30, 0);
        StringBuilder file = new StringBuilder(MassRows.CSV_HEADER).append('\n');
        for (int i = 0; i < rows.rows().size(); i++) {
            file.append(i == 9 ? Persons.known(9) + ";\"SJUKPENNING\nBOSTADSBIDRAG\";2026-01-01;2026-06-30;HANDLAGGNING"
                    : rows.rows().get(i).csv()).append('\n');
        }
        Folders.drop(bundle.dir("inbox/mass"), "quoted.csv", file.toString());

        List<JsonNode> results = resultsOf("quoted", 30);
        assertThat(results.get(9).path("status").asText()).isEqualTo("REJECTED");
        assertThat(results.get(9).path("error").path("reason").asText()).contains("a quoted field holds a line break");
        assertThat(results).filteredOn(r -> r.path("status").asText().equals("REJECTED")).hasSize(1);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).path("line").asInt()).as("row " + i).isEqualTo(i + 1);
        }
    }

    @Test
    void aJsonlFileWhoseFirstLineIsOverAMebibyteRejectsThatRowOnly() throws Exception {
        bundle.close();
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.mass.chunk-size", "100",
                "bundle.input.max-bytes", String.valueOf(3 << 20)));
        MassRows rows = MassRows.of(20, 0);
        StringBuilder file = new StringBuilder("{\"personnummer\": \"" + "1".repeat(3 << 19) + "\"}\n");
        for (int i = 1; i < rows.rows().size(); i++) {
            file.append(rows.rows().get(i).jsonl()).append('\n');
        }
        Folders.drop(bundle.dir("inbox/mass"), "wide.jsonl", file.toString());

        List<JsonNode> results = resultsOf("wide", 20);
        assertThat(results.get(0).path("status").asText()).isEqualTo("REJECTED");
        assertThat(results).filteredOn(r -> r.path("status").asText().equals("REJECTED")).hasSize(1);
    }

    @Test
    void aLineLongerThanTheLimitRejectsItsRowAndIsNeverHeldWhole() throws Exception {
        MassRows rows = MassRows.of(300, 0);
        StringBuilder file = new StringBuilder(MassRows.CSV_HEADER).append('\n');
        for (int i = 0; i < rows.rows().size(); i++) {
            file.append(i == 249 ? "x".repeat(50_000) : rows.rows().get(i).csv()).append('\n');
        }
        Folders.drop(bundle.dir("inbox/mass"), "endless.csv", file.toString());

        List<JsonNode> results = resultsOf("endless", 300);
        assertThat(results.get(249).path("line").asInt()).isEqualTo(250);
        assertThat(results.get(249).path("error").path("reason").asText())
                .isEqualTo("is longer than 4096 characters (bundle.input.max-bytes)");
        assertThat(results).filteredOn(r -> r.path("status").asText().equals("REJECTED")).hasSize(1);
    }

    @Test
    void aBatchThatFailsForAReasonOutsideItsRowsEndsWithASummarySayingSoAndItsNameIsFreeAgain() throws Exception {
        // where the batches' work folders should be, a file: the first rejected row cannot be written
        Files.createDirectories(data.resolve("work"));
        Files.writeString(data.resolve("work/mass"), "in the way");
        MassRows rows = MassRows.of(300, 0);
        StringBuilder file = new StringBuilder(MassRows.CSV_HEADER).append('\n');
        for (int i = 0; i < rows.rows().size(); i++) {
            file.append(i == 250 ? "not;a;row" : rows.rows().get(i).csv()).append('\n');
        }
        Folders.drop(bundle.dir("inbox/mass"), "blocked.csv", file.toString());

        Path summary = data.resolve("outbox/mass/blocked.summary.json");
        await().atMost(BATCH_TIME).until(() -> Files.exists(summary)
                && Files.exists(data.resolve("error/mass/blocked.csv.error.json")));
        JsonNode said = JSON.readTree(Folders.read(summary));
        assertThat(said.path("status").asText()).isEqualTo("FAILED");
        assertThat(said.path("error").asText()).startsWith("the batch could not be read to its end: ");
        assertThat(said.path("rowsRead").asInt()).isGreaterThan(0);
        MeterRegistry meters = bundle.context().getRegistry().lookupByNameAndType("metricsRegistry",
                MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("lefi.mass.batches.running").gauge().value() == 0);

        Files.delete(data.resolve("work/mass"));
        Folders.drop(bundle.dir("inbox/mass"), "blocked.csv", MassRows.of(3, 0).csv());
        Path again = data.resolve("outbox/mass/blocked-2.summary.json");
        await().atMost(BATCH_TIME).until(() -> Files.exists(again));
        assertThat(JSON.readTree(Folders.read(again)).path("rows").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(data.resolve("work/mass")).isEmpty());
    }

    @Test
    void batchesDroppedTogetherInWhichEveryRowIsInvalidAllFinish() throws Exception {
        MeterRegistry meters = bundle.context().getRegistry().lookupByNameAndType("metricsRegistry",
                MeterRegistry.class);
        for (int i = 1; i <= 8; i++) {
            Folders.drop(bundle.dir("inbox/mass"), "invalid-" + i + ".csv",
                    MassRows.CSV_HEADER + "\n" + "19900101-0000;GLASS;2026-01-01;2026-06-30;HANDLAGGNING\n".repeat(i));
        }
        for (int i = 1; i <= 8; i++) {
            assertThat(resultsOf("invalid-" + i, i)).allMatch(r -> r.path("status").asText().equals("REJECTED"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("lefi.mass.batches.running").gauge().value() == 0);
        assertThat(sandbox.massSubmissions()).isZero();
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
