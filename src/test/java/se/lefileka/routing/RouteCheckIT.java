package se.lefileka.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.RouteEdits;

/** Every file in routes/ parses and refers only to what exists; a broken edit is reported. */
class RouteCheckIT {

    @TempDir
    Path edited;

    @Test
    void theShippedRoutesAreSound() throws Exception {
        assertThat(RouteCheck.check(Path.of("routes"))).isEmpty();
    }

    @Test
    void aFileThatDoesNotParseIsReported() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("online-queries.camel.yaml"), "- route:\n    id: broken\n  from: [\n");
        assertThat(RouteCheck.check(edited)).singleElement().asString().contains("online-queries.camel.yaml");
    }

    @Test
    void aMissingBeanAPropertyOrADirectRouteIsReported() throws Exception {
        copyRoutes();
        Path replies = edited.resolve("replies.camel.yaml");
        Files.writeString(replies, Files.readString(replies).replace("id: reply", "id: reply-renamed")
                .replace("uri: direct:reply", "uri: direct:reply-renamed"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("direct:reply is called");

        copyRoutes();
        Path calls = edited.resolve("fk-calls.camel.yaml");
        Files.writeString(calls, Files.readString(calls).replaceFirst("value: mass-answer\n", "value: mass-replied\n"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("direct:mass-replied is called");

        copyRoutes();
        Path audit = edited.resolve("audit-export.camel.yaml");
        Files.writeString(audit, Files.readString(audit).replace("ref: auditExport", "ref: auditExporter"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().contains("auditExporter");

        copyRoutes();
        Path intake = edited.resolve("intake.camel.yaml");
        Files.writeString(intake, Files.readString(intake).replace("{{bundle.data.dir}}", "{{bundle.data.folder}}"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().contains("bundle.data.folder");
    }

    @Test
    void aRouteThatCallsFkItselfIsRefusedWithItsFileAndLine() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("rogue.camel.yaml"), RouteEdits.callingFkItself("rogue-poll"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("calls FK outside the lanes: "
                + edited.resolve("rogue.camel.yaml") + " line 6 (route rogue-poll)");

        Files.writeString(edited.resolve("rogue.camel.yaml"), """
                - route:
                    id: rogue-lane-call
                    from:
                      uri: timer:rogue?period=10
                      steps:
                        - to: direct:lefi-online
                """);
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("calls FK outside the lanes: "
                + edited.resolve("rogue.camel.yaml") + " line 6 (route rogue-lane-call)").contains("direct:lefi-online");
    }

    @Test
    void aRouteThatSendsWhatItTakesInToALaneWithoutTheIntakesValidationIsRefused() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("legacy.camel.yaml"), """
                - route:
                    id: legacy-straight-to-lane
                    from:
                      uri: jms:queue:legacy.requests
                      steps:
                        - setHeader:
                            name: FkCall
                            constant: lefi-online
                        - to: "jms:queue:{{lane.online.queue}}"
                """);
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("sends to a lane without "
                + "validation: " + edited.resolve("legacy.camel.yaml") + " line 9 (route legacy-straight-to-lane)");

        // through a direct route of its own, to the lane's call route: refused as well
        Files.writeString(edited.resolve("legacy.camel.yaml"), """
                - route:
                    id: legacy-in
                    from:
                      uri: file:/tmp/legacy-inbox
                      steps:
                        - to: direct:legacy-on
                - route:
                    id: legacy-on
                    from:
                      uri: direct:legacy-on
                      steps:
                        - to: "jms:queue:{{lane.mass.queue}}"
                """);
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("sends to a lane without "
                + "validation: " + edited.resolve("legacy.camel.yaml") + " line 12 (route legacy-on)").contains("legacy-in");
    }

    @Test
    void aCallToFkOrALaneIsRecognisedHoweverItsAddressIsSpelled() throws Exception {
        Properties fkOnLoopback = new Properties();
        fkOnLoopback.setProperty("lefi.url", "http://127.0.0.1:18081");
        fkOnLoopback.setProperty("bundle.audit.pseudonym-key", "route-check-test-secret");
        Map<String, String> callsFk = Map.of(
                "another name for FK's host", """
                        - route:
                            id: rogue
                            from:
                              uri: timer:rogue
                              steps:
                                - to: "http://localhost:18081/v2/onlinefragor?httpMethod=POST"
                        """,
                "a dynamic endpoint naming FK's URL by its property", """
                        - route:
                            id: rogue
                            from:
                              uri: timer:rogue
                              steps:
                                - toD: "${properties:lefi.url}/v2/onlinefragor"
                        """,
                "a route configuration's error handling", """
                        - routeConfiguration:
                            id: rogue
                            onException:
                              - onException:
                                  exception:
                                    - java.lang.Exception
                                  steps:
                                    - to: "http:localhost:18081/v2/onlinefragor"
                        """);
        copyRoutes();
        for (Map.Entry<String, String> spelling : callsFk.entrySet()) {
            Files.writeString(edited.resolve("rogue.camel.yaml"), spelling.getValue());
            assertThat(RouteCheck.check(edited, fkOnLoopback)).as(spelling.getKey()).singleElement().asString()
                    .startsWith("calls FK outside the lanes: " + edited.resolve("rogue.camel.yaml"));
        }
        for (String lane : List.of("jms://queue:lefi.lane.online", "jms:queue://lefi.lane.online", "jms:lefi.lane.online")) {
            Files.writeString(edited.resolve("rogue.camel.yaml"), """
                    - route:
                        id: rogue
                        from:
                          uri: jms:queue:legacy.requests
                          steps:
                            - to: "%s"
                    """.formatted(lane));
            assertThat(RouteCheck.check(edited, fkOnLoopback)).as(lane).singleElement().asString()
                    .startsWith("sends to a lane without validation: " + edited.resolve("rogue.camel.yaml"));
        }
    }

    @Test
    void twoRoutesWithOneIdAreReported() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("twice.camel.yaml"), """
                - route:
                    id: online-answer
                    from:
                      uri: direct:online-answer-again
                      steps:
                        - log: again
                """);
        assertThat(RouteCheck.check(edited)).singleElement().asString().contains("online-answer");
    }

    @Test
    void twoRoutesReadingOneDirectEndpointAreReported() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("second-reader.camel.yaml"), """
                - route:
                    id: second-mass-reader
                    from:
                      uri: direct:mass-read
                      steps:
                        - log: "never reached"
                """);
        assertThat(RouteCheck.check(edited)).singleElement().asString()
                .startsWith("direct:mass-read is read by more than one route: ").contains("mass-read (")
                .contains("second-mass-reader (second-reader.camel.yaml:4)");
    }

    @Test
    void theCheckerOnItsOwnExitsWith1OnARefusal() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("rogue.camel.yaml"), RouteEdits.callingFkItself("rogue"));
        Process checker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RouteCheck.class.getName(), edited.toString())
                .redirectErrorStream(true).start();
        String printed = new String(checker.getInputStream().readAllBytes());
        assertThat(checker.waitFor()).as(printed).isEqualTo(1);
        assertThat(printed).contains("calls FK outside the lanes: " + edited.resolve("rogue.camel.yaml") + " line 6");
    }

    @Test
    void aJmsIntakeForAnotherQueueThroughTheIntakeIsSound() throws Exception {
        copyRoutes();
        Files.writeString(edited.resolve("legacy.camel.yaml"), RouteEdits.jmsIntake("legacy-online-jms", "legacy.online.requests"));
        assertThat(RouteCheck.check(edited)).isEmpty();
    }

    private void copyRoutes() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, edited.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
