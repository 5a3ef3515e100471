package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.database.Database;
import se.lefileka.mass.BatchFiles;
import se.lefileka.mass.MassBatches;
import se.lefileka.mass.MassOutput;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RouteFileTestSupport;

/**
 * The online inbox as the {@code inbox} template ({@code routes/intake.camel.yaml}) and the shared
 * file error handling make it, fast, on a real folder: what the reading hands on, and what it sets
 * aside with its reason.
 */
class InboxRouteTest extends RouteFileTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    static Path data;
    private MockEndpoint accepted;

    @Override
    protected Properties settings() {
        Properties properties = new Properties();
        properties.put("bundle.data.dir", data.toString());
        properties.put("bundle.inbox.stable-millis", "0");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Clock clock = Clock.systemUTC();
        InputLimits limits = new InputLimits(4096, 20, 1000);
        registry.bind("inboxFiles", new InboxFiles(Duration.ZERO));
        registry.bind("fileNames", new FileNames(data));
        registry.bind("inputErrors", new InputErrors(JSON, clock, new SimpleMeterRegistry()));
        registry.bind("queryInput", new JsonInput(limits.reader(JSON), limits, "query"));
        Database database = inMemoryDatabase();
        registry.bind("massOutput", new MassOutput(JSON, new MassBatches(database.dataSource(), clock),
                new BatchFiles(data, JSON), data.resolve("outbox/mass"), "v2", "lefi.mass.results"));
    }

    @BeforeEach
    void loadTheOnlineInbox() throws Exception {
        loadRoutes(List.of("error-handling", "intake", "online-queries"), List.of("online-files", "online-file"));
        AdviceWith.adviceWith(context, "online-file", route -> route.weaveByToUri("direct:online-accept")
                .replace().to("mock:accepted"));
        context.start();
        accepted = getMockEndpoint("mock:accepted");
    }

    @Test
    void eachQueryOfAFileIsHandedOnAndTheFileArchived() throws Exception {
        accepted.expectedMessageCount(2);
        Folders.drop(dir("inbox/online"), "two.json", "[" + Queries.online("a", Persons.known(1)) + ","
                + Queries.online("b", Persons.known(2)) + "]");

        accepted.assertIsSatisfied();
        await().atMost(Duration.ofSeconds(10)).until(() -> Folders.names(data.resolve("archive/online")).size() == 1);
        assertThat(Folders.names(data.resolve("archive/online")).get(0)).startsWith("two-").endsWith(".json");
    }

    @Test
    void aFileOfAnotherExtensionAndANestingBombAreSetAsideWithTheirReasonsAndNothingIsHandedOn() throws Exception {
        accepted.expectedMessageCount(0);
        Folders.drop(dir("inbox/online"), "notes.txt", "a note");
        Folders.drop(dir("inbox/online"), "bomb.json", "[".repeat(100) + "]".repeat(100));

        Path errors = data.resolve("error/online");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(errors.resolve("notes.txt.error.json"))
                && Files.exists(errors.resolve("bomb.json.error.json")) && Files.exists(errors.resolve("bomb.json")));
        assertThat(reason(errors.resolve("notes.txt.error.json"))).isEqualTo("this inbox reads .json files only, whatever their case");
        assertThat(reason(errors.resolve("bomb.json.error.json"))).startsWith("nested more than 20 levels deep");
        accepted.assertIsSatisfied();
    }

    private static String reason(Path report) throws Exception {
        return JSON.readTree(Folders.read(report)).path("error").asText();
    }

    private static Path dir(String name) throws Exception {
        return Files.createDirectories(data.resolve(name));
    }
}
