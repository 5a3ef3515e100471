package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/** An answer or a batch's results already in the outbox stay; what comes later under the same name gets a distinct one. */
class NothingOverwrittenIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void startBundle() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of());
    }

    @Test
    void aSecondQueryWithTheSameRequestIdIsAnsweredUnderADistinctName() throws Exception {
        Path outbox = data.resolve("outbox/online");
        Folders.drop(bundle.dir("inbox/online"), "first.json", Queries.online("same", Persons.known(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve("same.json")));
        String first = Folders.read(outbox.resolve("same.json"));

        Folders.drop(bundle.dir("inbox/online"), "second.json", Queries.online("same", Persons.known(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve("same-2.json")));
        assertThat(Folders.read(outbox.resolve("same.json"))).as("the first answer stays").isEqualTo(first);
        assertThat(JSON.readTree(Folders.read(outbox.resolve("same-2.json"))).path("requestId").asText())
                .isEqualTo("same");
        assertThat(Folders.names(outbox)).containsExactly("same-2.json", "same.json");
    }

    @Test
    void aBatchNameUsedAgainWhileItsResultsAreInTheOutboxGetsADistinctName() throws Exception {
        Path outbox = data.resolve("outbox/mass");
        MassRows big = MassRows.of(300, 0);
        Folders.drop(bundle.dir("inbox/mass"), "kommun.csv", big.csv());
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(outbox.resolve("kommun.summary.json")));
        String firstResults = Folders.read(outbox.resolve("kommun.jsonl"));

        Folders.drop(bundle.dir("inbox/mass"), "kommun.csv", MassRows.of(1, 0).csv());
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(outbox.resolve("kommun-2.summary.json")));
        assertThat(Folders.read(outbox.resolve("kommun.jsonl"))).as("the earlier results stay").isEqualTo(firstResults);
        assertThat(Files.readAllLines(outbox.resolve("kommun-2.jsonl"))).hasSize(1);
        assertThat(JSON.readTree(Folders.read(outbox.resolve("kommun-2.summary.json"))).path("batch").asText())
                .isEqualTo("kommun-2");
    }

    @Test
    void anAuditExportOfANameAlreadyInTheOutboxGetsADistinctName() throws Exception {
        Path outbox = data.resolve("outbox/audit");
        Folders.drop(bundle.dir("inbox/audit"), "all.json", "{}");
        // the next request of that name once the first has left the inbox (a file moved over one
        // still being read would be archived with it, unread)
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve("all.csv"))
                && !Files.exists(data.resolve("inbox/audit/all.json")));
        Files.writeString(outbox.resolve("all.csv"), "kept");
        Folders.drop(bundle.dir("inbox/audit"), "all.json", "{}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve("all-2.csv")));
        assertThat(Folders.read(outbox.resolve("all.csv"))).isEqualTo("kept");
    }
}
