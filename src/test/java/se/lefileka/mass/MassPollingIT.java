package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.SlaJudged;

/**
 * Mass polling on the SLA's own limits against an FK that takes 4-6 s a case and never says when
 * to come back: while nothing is learned one case probes and the others wait for it; once the pace
 * is learned, no poll is made while chunks wait to be submitted, even of cases long ready, so
 * submissions are never held up by polls (of their own batch or another's); a chunk costs few
 * calls; and the pace learned survives a restart.
 */
@SlaJudged
class MassPollingIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CASE_SECONDS = Pattern.compile("(?m)^lefi_mass_case_seconds(?:\\{[^}]*})? (\\S+)$");
    /** 1000 rows in groups of 100: 10 chunks a batch. */
    private static final Map<String, String> SMALL_CHUNKS = Map.of("lefi.mass.chunk-size", "100",
            "leka.notifications.first-fetch-millis", "600000");
    private static final int CHUNKS = 10;

    @Test
    void submissionsGoFirstSoNoPollHoldsThemUpAChunkCostsFewCallsAndTheLearnedPaceSurvivesARestart() throws Exception {
        sandbox.massWork(Duration.ofSeconds(4), Duration.ofSeconds(6));
        sandbox.massRetryAfter(false);
        bundle = RunningBundle.start(data, sandbox, SMALL_CHUNKS);
        MassRows rows = MassRows.of(CHUNKS * 100, 0);

        Folders.drop(bundle.dir("inbox/mass"), "first.csv", rows.csv());
        JsonNode first = completed("first", rows);
        // while nothing is learned one case probes, its waits doubling; the others wait for it
        assertThat(first.path("callsPerChunk").asDouble()).as("first batch: %s", first).isLessThanOrEqualTo(3.0);

        // a batch twice as large: 10 s of submissions, its first cases ready (4-6 s) long before its last
        // is made (a batch's polls wait for its own submissions only: two batches at once would let the
        // one done submitting first poll while the other still submits, as it should)
        long pollsBefore = polls();
        MassRows twice = MassRows.of(2 * CHUNKS * 100, 0);
        Folders.drop(bundle.dir("inbox/mass"), "second.csv", twice.csv());
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.massSubmissions() >= 3 * CHUNKS);
        assertThat(polls() - pollsBefore).as("polls while chunks waited to be submitted").isLessThanOrEqualTo(1);

        JsonNode learned = completed("second", twice);
        assertThat(learned.path("callsPerChunk").asDouble()).as("second batch: %s", learned).isLessThanOrEqualTo(2.2);

        bundle = bundle.restart(sandbox, SMALL_CHUNKS);
        assertThat(caseSeconds()).as("the pace learned before the restart, before any case after it")
                .isBetween(4.0, 20.0);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    /** Mass calls FK answered that were not new submissions: polls (and submissions made again). */
    private long polls() {
        return sandbox.judge().calls(Budget.MASS) - sandbox.massSubmissions();
    }

    private JsonNode completed(String batch, MassRows rows) throws Exception {
        Path summary = data.resolve("outbox/mass/" + batch + ".summary.json");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(summary));
        MassResults.assertLinesMatch(data.resolve("outbox/mass/" + batch + ".jsonl"), rows);
        JsonNode fk = JSON.readTree(Folders.read(summary)).path("fk");
        assertThat(fk.path("chunks").asInt()).isEqualTo(rows.rows().size() / 100);
        return fk;
    }

    private double caseSeconds() throws Exception {
        Matcher value = CASE_SECONDS.matcher(BundleHttp.get(bundle, "/observe/metrics").body());
        assertThat(value.find()).as("lefi_mass_case_seconds in the metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }
}
