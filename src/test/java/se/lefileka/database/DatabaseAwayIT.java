package se.lefileka.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.CuttableLink;
import se.lefileka.support.Postgres;
import se.lefileka.support.RunningBundle;

/**
 * PostgreSQL going away while the bundle runs: health's database check says DOWN with a clear
 * message within seconds (not once the pool gives up), the console shows it, and both clear
 * when the database is back.
 */
class DatabaseAwayIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthAndTheConsoleSayWhenTheDatabaseIsAwayAndWhenItIsBack() throws Exception {
        String direct = Postgres.newDatabase();
        int port = URI.create(direct.substring("jdbc:".length())).getPort();
        try (CuttableLink link = new CuttableLink(port)) {
            bundle = RunningBundle.start(data, sandbox, Map.of("bundle.db.url",
                    direct.replace(":" + port + "/", ":" + link.port() + "/"), "bundle.db.user", "postgres",
                    "bundle.db.password", ""));
            await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(database().path("status").asText()));

            link.cut();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode check = database();
                assertThat(check.path("status").asText()).isEqualTo("DOWN");
                assertThat(check.path("message").asText()).startsWith("the database").contains("nothing is lost");
            });
            assertThat(JSON.readTree(BundleHttp.get(bundle, "/console/status.json").body()).path("database").asText())
                    .startsWith("down: the database");

            link.mend();
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(database().path("status").asText()));
            assertThat(JSON.readTree(BundleHttp.get(bundle, "/console/status.json").body()).path("database").asText())
                    .isEqualTo("up");
        }
    }

    private JsonNode database() throws Exception {
        return BundleHttp.healthCheck(bundle, "database");
    }
}
