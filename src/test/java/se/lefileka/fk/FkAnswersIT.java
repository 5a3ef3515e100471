package se.lefileka.fk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.sandbox.SandboxFaults.Garbled;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * FK's answers are input too: one that cannot be read ends its query (or its chunk's rows) FAILED
 * with a reason that names what was wrong and nothing of the answer, and FK is asked once; a
 * period still running, without an end, is an answer like any other; a query FK cannot take for
 * the whole retry time ends FAILED with the reason.
 */
class FkAnswersIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Garbled.class)
    void anOnlineQueryWhoseAnswerCannotBeReadIsAnsweredFailedWithTheReasonAndAskedOnce(Garbled how) throws Exception {
        SandboxFaults faults = SandboxFaults.of(sandbox);
        faults.garbleNext("lefi", Budget.ONLINE, 1, how);
        bundle = RunningBundle.start(data, sandbox, Map.of());
        String person = Persons.known(3);

        Folders.drop(bundle.dir("inbox/online"), "query.json", """
                {"requestId": "garbled", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(person));

        Path answer = data.resolve("outbox/online/garbled.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
        JsonNode result = JSON.readTree(Folders.read(answer));
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").toString()).contains("FK answered 200").contains("cannot be read")
                .contains(how == Garbled.HTML ? "it is not JSON" : "its JSON is cut short")
                .doesNotContain("Välkommen").doesNotContain(person);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> faults.calls("lefi", Budget.ONLINE) == 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aPensionStillRunningIsAnsweredOkWithAPeriodWithoutAnEnd(String version) throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lefi.api.version", version));

        Folders.drop(bundle.dir("inbox/online"), "pension.json", """
                {"requestId": "pension", "personnummer": "%s",
                 "benefits": ["ALDERSPENSION", "EFTERLEVANDEPENSION", "BOSTADSTILLAGG"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(Persons.known(3)));

        Path answer = data.resolve("outbox/online/pension.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
        JsonNode result = JSON.readTree(Folders.read(answer));
        assertThat(result.path("status").asText()).isEqualTo("OK");
        assertThat(result.path("benefits").findValues("periods")).as(result.toString()).isNotEmpty().allSatisfy(periods -> {
            assertThat(periods).as(result.toString()).isNotEmpty();
            periods.forEach(period -> {
                assertThat(period.path("from").asText()).startsWith("2026-");
                assertThat(period.path("to").isMissingNode() || period.path("to").isNull()).as("no end").isTrue();
            });
        });
    }

    @ParameterizedTest
    @EnumSource(Garbled.class)
    void aMassSubmissionWhoseAnswerCannotBeReadFailsItsRowsWithTheReasonAndIsNotSubmittedAgain(Garbled how)
            throws Exception {
        SandboxFaults faults = SandboxFaults.of(sandbox);
        faults.garbleNext("lefi", Budget.MASS, 1, how);
        bundle = RunningBundle.start(data, sandbox, Map.of());

        Folders.drop(bundle.dir("inbox/mass"), "garbled.csv", "personnummer;benefits;from;to\n"
                + Persons.known(1) + ";SJUKPENNING;2026-01-01;2026-06-30\n"
                + Persons.known(2) + ";SJUKPENNING;2026-01-01;2026-06-30\n");

        Path summary = data.resolve("outbox/mass/garbled.summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        assertThat(JSON.readTree(Folders.read(summary)).path("counts").path("FAILED").asInt()).isEqualTo(2);
        for (String line : Files.readAllLines(data.resolve("outbox/mass/garbled.jsonl"))) {
            JsonNode result = JSON.readTree(line);
            assertThat(result.path("status").asText()).isEqualTo("FAILED");
            assertThat(result.path("error").toString()).contains("cannot be read").doesNotContain(result.path("personnummer").asText());
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> faults.calls("lefi", Budget.MASS) == 1 && sandbox.massSubmissions() == 0);
    }

    @Test
    void aQueryFkCannotTakeForTheRetryTimeIsAnsweredFailedWithTheReason() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("lane.retry.max-millis", "3000",
                "lane.retry.first-backoff-millis", "300", "lane.retry.max-backoff-millis", "600",
                "leka.notifications.first-fetch-millis", "600000"));
        SandboxFaults.of(sandbox).failNext(1000);
        Folders.drop(bundle.dir("inbox/online"), "doomed.json", Queries.online("doomed", Persons.known(3)));

        Path answer = data.resolve("outbox/online/doomed.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(answer));
        JsonNode result = JSON.readTree(Folders.read(answer));
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").path("reason").asText()).startsWith("FK could not take the call");
        assertThat(result.path("requestId").asText()).isEqualTo("doomed");
        assertThat(sandbox.judge().calls(Budget.ONLINE)).as("retried, then given up").isGreaterThan(2);
    }
}
