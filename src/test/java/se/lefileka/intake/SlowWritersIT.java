package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** Producers that write straight into an inbox, slowly, with temporary names or with done markers. */
class SlowWritersIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aQueryFileWrittenInTwoPartsWithAPauseIsAnsweredNotSetAside() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.inbox.stable-millis", "3000"));
        writeInTwoParts(bundle.dir("inbox/online").resolve("slow.json"), query("slow-1", 1), Duration.ofSeconds(2));

        assertAnswered("slow-1");
        assertThat(Folders.names(data.resolve("error/online"))).isEmpty();
    }

    @Test
    void aHalfWrittenFileReadTooEarlyIsReadAgainOnceItIsComplete() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.inbox.stable-millis", "1000"));
        writeInTwoParts(bundle.dir("inbox/online").resolve("paused.json"), query("paused-1", 2),
                Duration.ofMillis(1500));

        assertAnswered("paused-1");
        assertThat(Folders.names(data.resolve("error/online"))).isEmpty();
    }

    @Test
    void aMassFileWrittenInTwoPartsWithAPauseIsReadWhole() throws Exception {
        MassRows rows = MassRows.of(40, 0);
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.inbox.stable-millis", "3000"));
        writeInTwoParts(bundle.dir("inbox/mass").resolve("slow.csv"), rows.csv(), Duration.ofSeconds(2));

        Path summary = data.resolve("outbox/mass/slow.summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        assertThat(Files.readAllLines(data.resolve("outbox/mass/slow.jsonl"))).hasSize(40);
        assertThat(JSON.readTree(summary.toFile()).path("counts").path("OK").asInt())
                .isEqualTo(rows.expectedCounts().get("OK"));
    }

    @Test
    void temporaryNamesAreNeverReadAndExtensionsAreReadWhateverTheirCase() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
        Path inbox = bundle.dir("inbox/online");
        for (String name : new String[] {"a.json.part", "b.json.tmp", "c.json.filepart", "d.json~", ".e.json"}) {
            Files.writeString(inbox.resolve(name), query("temp-" + name, 3));
        }
        Folders.drop(inbox, "UPPER.JSON", query("upper", 4));

        assertAnswered("upper");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Folders.names(data.resolve("outbox/online")).equals(java.util.List.of("upper.json")));
        try (var files = Files.list(inbox)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(".e.json", "a.json.part", "b.json.tmp", "c.json.filepart", "d.json~");
        }
    }

    @Test
    void withDoneMarkersAFileIsReadOnlyOnceItsMarkerIsThere() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.inbox.online.done-file-name", "${file:name}.done"));
        Path inbox = bundle.dir("inbox/online");
        Folders.drop(inbox, "marked.json", query("marked", 5));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Folders.names(data.resolve("outbox/online")).isEmpty());

        Files.writeString(inbox.resolve("marked.json.done"), "");
        assertAnswered("marked");
        await().atMost(Duration.ofSeconds(10)).until(() -> Folders.names(inbox).isEmpty());
    }

    /** Writes the first half of the text now and the rest after the pause, as a slow producer does. */
    private static void writeInTwoParts(Path file, String text, Duration pause) throws IOException {
        int half = text.length() / 2;
        Files.writeString(file, text.substring(0, half), StandardCharsets.UTF_8);
        CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(file, text.substring(half), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void assertAnswered(String requestId) throws Exception {
        Path answer = data.resolve("outbox/online/" + requestId + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
        assertThat(JSON.readTree(answer.toFile()).path("status").asText()).isEqualTo("OK");
    }

    private static String query(String requestId, int person) {
        return """
                {"requestId": "%s", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(requestId, Persons.known(person));
    }
}
