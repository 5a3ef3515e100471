package se.lefileka.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.TwoNodes;

/** Two nodes as in production (TwoNodes): a leader stopped in order hands over at once, and the standby answers. */
class LeaderHandoverIT extends BundleTestSupport {

    @TempDir
    Path infrastructure;

    @Test
    void aLeaderStoppedInOrderHandsOverAtOnce() throws Exception {
        try (TwoNodes nodes = TwoNodes.start(data, sandbox, infrastructure)) {
            JsonNode lane = BundleHttp.healthCheck(nodes.httpB(), "lane-online");
            assertThat(lane.path("status").asText()).isEqualTo("UP");
            assertThat(lane.path("message").asText()).startsWith("standing by");

            nodes.a().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> nodes.clusterSeenByB().contains("this node (b) leads"));
            Folders.drop(Files.createDirectories(data.resolve("inbox/online")), "after.json",
                    Queries.online("after", Persons.known(7)));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("outbox/online/after.json")));
            assertThat(sandbox.onlineAnswers()).as("FK asked once").isEqualTo(1);
        }
    }
}
