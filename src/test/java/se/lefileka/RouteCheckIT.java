package se.lefileka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Path lanes = edited.resolve("fk-lanes.camel.yaml");
        Files.writeString(lanes, Files.readString(lanes).replace("to: direct:lefi-mass-poll", "to: direct:lefi-mass-pol"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().startsWith("direct:lefi-mass-pol is called");

        copyRoutes();
        Path audit = edited.resolve("audit-export.camel.yaml");
        Files.writeString(audit, Files.readString(audit).replace("ref: auditExport", "ref: auditExporter"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().contains("auditExporter");

        copyRoutes();
        Path intake = edited.resolve("intake.camel.yaml");
        Files.writeString(intake, Files.readString(intake).replace("{{bundle.data.dir}}", "{{bundle.data.folder}}"));
        assertThat(RouteCheck.check(edited)).singleElement().asString().contains("bundle.data.folder");
    }

    private void copyRoutes() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, edited.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
