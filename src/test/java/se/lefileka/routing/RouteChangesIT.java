package se.lefileka.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.ReadmeRecipes;
import se.lefileka.support.RouteEdits;
import se.lefileka.support.RunningBundle;

/**
 * The README's route-change recipes, each saved into the routes' folder of a running bundle
 * ({@code bundle.routes.reload}), seen working without a restart; and a broken edit that changes
 * nothing while the bundle goes on answering with its routes as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteChangesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path routes;
    private Sandbox sandbox;
    private RunningBundle bundle;
    private RouteReload reload;

    @BeforeAll
    void startTheBundleOnACopyOfTheShippedRoutes() throws Exception {
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.start();
        bundle = RunningBundle.start(data, sandbox, Map.of("bundle.routes.reload", "true",
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "leka.notifications.first-fetch-millis", "500", "leka.notifications.fetch-millis", "1000"));
        reload = bundle.context().getRegistry().lookupByNameAndType("routeReload", RouteReload.class);
    }

    @AfterAll
    void stop() {
        bundle.close();
        sandbox.stop();
    }

    @Test
    void aSecondOutboxGetsACopyOfEveryOnlineAnswer() throws Exception {
        Path teamB = data.resolve("team-b");
        Path replies = routes.resolve("replies.camel.yaml");
        String outboxStep = """
                        - to: "file:{{bundle.data.dir}}/outbox?tempPrefix=.&fileExist=Fail"
                """;
        // the README's recipe as written there, after the step that writes to the outbox
        String edited = Files.readString(replies).replace(outboxStep,
                outboxStep + ReadmeRecipes.yaml("A second outbox").replace("/srv/team-b", teamB.toString()));
        // saved in two steps, as an editor may: only the whole file is checked
        int checked = reload.checks();
        Files.writeString(replies, edited.substring(0, edited.length() / 2));
        Files.writeString(replies, edited);

        awaitApplied("replies.camel.yaml", "changed");
        assertThat(reload.checks()).as("the half-written file was not checked").isEqualTo(checked + 1);
        Folders.drop(bundle.dir("inbox/online"), "copied.json", Queries.online("copied", Persons.known(1)));
        // where the README says the copy lands
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(teamB.resolve("answers/online/copied.json")));
        assertThat(Files.exists(data.resolve("outbox/online/copied.json"))).as("the outbox as before").isTrue();
    }

    @Test
    void aJmsIntakeForAnotherQueueTakesItsQueries() throws Exception {
        Files.writeString(routes.resolve("legacy-intake.camel.yaml"),
                ReadmeRecipes.yaml("A JMS intake for another queue name"));
        awaitApplied("legacy-intake.camel.yaml", "added");

        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("legacy.online.replies");
            TextMessage query = jms.createTextMessage(Queries.online("legacy-1", Persons.known(2)));
            query.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("legacy.online"), query);
            String answer = jms.createConsumer(replies).receiveBody(String.class, 30_000);
            assertThat(JSON.readTree(answer).path("requestId").asText()).isEqualTo("legacy-1");
            assertThat(JSON.readTree(answer).path("status").asText()).isEqualTo("OK");
        }
    }

    @Test
    void oneMoreNotificationEndpointGetsTheNotifications() throws Exception {
        Path teamB = data.resolve("team-b");
        Path team = teamB.resolve("notifications");
        Path endpoints = routes.resolve("notification-endpoints.camel.yaml");
        // the README's recipe as written there, in place of the commented example step
        Files.writeString(endpoints, Files.readString(endpoints).replace("""
                        # - to: "file:/srv/team-b/notifications?tempPrefix=.&fileExist=Ignore"
                """, ReadmeRecipes.yaml("One more notification endpoint").replace("/srv/team-b", teamB.toString())));
        awaitApplied("notification-endpoints.camel.yaml", "changed");

        List<String> ids = Notifications.publish(sandbox, 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(team).containsAll(
                ids.stream().map(id -> id + ".json").toList()));
        assertThat(Folders.names(data.resolve("outbox/notifications"))).as("the other endpoints as before")
                .containsAll(ids.stream().map(id -> id + ".json").toList());
    }

    @Test
    void aTemplateChangeReachesTheRoutesOfEveryFileMadeFromIt() throws Exception {
        Path intake = routes.resolve("intake.camel.yaml");
        String before = Files.readString(intake);
        String excluded = "antExclude: \"*.part,*.tmp,*.filepart,*~\"";
        assertThat(before).contains(excluded);
        Files.writeString(intake, before.replace(excluded, "antExclude: \"*.part,*.tmp,*.filepart,*~,*.hold\""));

        awaitApplied("intake.camel.yaml", "changed");
        // the files made from the template are restarted with it, each noted in the change log
        Path log = data.resolve("route-changes.jsonl");
        await().atMost(Duration.ofSeconds(30)).until(() -> changes(log, "online-queries.camel.yaml", "restarted") > 0
                && changes(log, "mass-queries.camel.yaml", "restarted") > 0);
        Path inbox = bundle.dir("inbox/online");
        Folders.drop(inbox, "kept-back.hold", "not a query yet");
        Folders.drop(inbox, "after-template.json", Queries.online("after-template", Persons.known(6)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("outbox/online/after-template.json")));
        assertThat(inbox.resolve("kept-back.hold")).as("excluded by the changed template: left, not set aside")
                .exists();
    }

    @Test
    void aChangeThatPassesTheCheckButCannotStartIsUndoneAndTheFileRunsAsBefore() throws Exception {
        Path online = routes.resolve("online-queries.camel.yaml");
        String before = Files.readString(online);
        // a second inbox on a folder that must be there and is not (a share not mounted): only starting it tells
        Files.writeString(online, before + """

                - route:
                    id: unmounted-inbox
                    from:
                      uri: "file:%s?autoCreate=false&startingDirectoryMustExist=true"
                      steps:
                        - log: "never reached"
                """.formatted(data.resolve("not-mounted")));

        await().atMost(Duration.ofSeconds(60)).until(() -> reload.refusal() != null);
        assertThat(reload.refusal().files()).containsExactly("online-queries.camel.yaml");
        assertThat(reload.refusal().problems()).singleElement().asString().startsWith("the routes could not start");
        assertThat(bundle.context().getRoute("unmounted-inbox")).isNull();
        assertThat(bundle.context().getRoute("online-files")).as("the file's routes as before, started again")
                .isNotNull();
        assertAnsweredOk("after-undo", 7);

        Files.writeString(online, before);
        await().atMost(Duration.ofSeconds(30)).until(() -> reload.refusal() == null);
    }

    @Test
    void aRouteRemovedAgainStopsTakingItsQueueAndTheOthersRunOn() throws Exception {
        Path intake = routes.resolve("short-lived.camel.yaml");
        Files.writeString(intake, RouteEdits.jmsIntake("short-lived-jms", "short.lived"));
        awaitApplied("short-lived.camel.yaml", "added");
        assertThat(bundle.context().getRoute("short-lived-jms")).isNotNull();

        Files.delete(intake);
        awaitApplied("short-lived.camel.yaml", "removed");
        assertThat(bundle.context().getRoute("short-lived-jms")).isNull();
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            jms.createProducer().send(jms.createQueue("short.lived"), Queries.online("left", Persons.known(3)));
            Folders.drop(bundle.dir("inbox/online"), "after-removal.json", Queries.online("after-removal", Persons.known(4)));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("outbox/online/after-removal.json")));
            try (QueueBrowser waiting = jms.createBrowser(jms.createQueue("short.lived"))) {
                assertThat(Collections.list(waiting.getEnumeration())).as("nobody takes the queue now").hasSize(1);
            }
        }
    }

    @Test
    void aBrokenEditChangesNothingTheHealthNamesItAndTheOldTextBringsItBack() throws Exception {
        Path online = routes.resolve("online-queries.camel.yaml");
        String before = Files.readString(online);
        // an editor's swap and backup files are no route files
        Files.writeString(routes.resolve(".online-queries.camel.yaml.swp"), "\0\0 not yaml");
        Files.writeString(routes.resolve("online-queries.camel.yaml~"), "- route: [");
        Files.writeString(online, before.replace("ref: queryInput\n", "ref: queryInputs\n"));

        await().atMost(Duration.ofSeconds(60)).until(() -> reload.refusal() != null);
        assertThat(reload.refusal().files()).containsExactly("online-queries.camel.yaml");
        assertThat(String.join("; ", reload.refusal().problems())).contains("queryInputs");
        JsonNode health = BundleHttp.healthCheck(bundle, "routes");
        assertThat(health.path("status").asText()).as("the old routes still serve").isEqualTo("UP");
        assertThat(health.path("message").asText()).contains("online-queries.camel.yaml").contains("queryInputs");
        JsonNode console = JSON.readTree(BundleHttp.get(bundle, "/console/status.json").body()).path("routes");
        assertThat(console.path("refused").path("files").toString()).as(console.toString())
                .contains("online-queries.camel.yaml");

        assertAnsweredOk("still-answered", 5);

        Files.writeString(online, before);
        await().atMost(Duration.ofSeconds(30)).until(() -> reload.refusal() == null);
        assertThat(BundleHttp.healthCheck(bundle, "routes").path("message").asText()).doesNotContain("refused");

        // a route of its own calling FK: refused by its rule, never started
        Files.writeString(routes.resolve("rogue.camel.yaml"), RouteEdits.callingFkItself("rogue"));
        await().atMost(Duration.ofSeconds(60)).until(() -> reload.refusal() != null);
        assertThat(reload.refusal().problems()).singleElement().asString()
                .startsWith("calls FK outside the lanes: " + routes.resolve("rogue.camel.yaml") + " line 6 (route rogue)");
        assertThat(bundle.context().getRoute("rogue")).isNull();
        Files.delete(routes.resolve("rogue.camel.yaml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> reload.refusal() == null);
    }

    /** An online query dropped into the inbox now is answered OK: the online routes serve. */
    private void assertAnsweredOk(String requestId, int person) throws Exception {
        Folders.drop(bundle.dir("inbox/online"), requestId + ".json", Queries.online(requestId, Persons.known(person)));
        Path answer = data.resolve("outbox/online/" + requestId + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
        assertThat(JSON.readTree(Files.readString(answer)).path("status").asText()).isEqualTo("OK");
    }

    private void awaitApplied(String file, String kind) {
        Path log = data.resolve("route-changes.jsonl");
        long before = changes(log, file, kind);
        await().atMost(Duration.ofSeconds(60)).until(() -> changes(log, file, kind) > before);
    }

    private static long changes(Path log, String file, String kind) {
        try {
            if (!Files.exists(log)) {
                return 0;
            }
            return Files.readAllLines(log).stream().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).filter(change -> change.path("file").asText().equals(file) && change.path("kind").asText().equals(kind))
                    .count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
