package se.lefileka.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * The container image Maven builds without a container daemon (Jib, {@code package}: the
 * tarball {@code target/lefi-leka-bundle-image.tar}, as {@code docker load} or a registry takes
 * it): its layers hold the bundle (classes, libraries, the shipped config/ and routes/ in its
 * working directory), and its entrypoint, run as the image says (here with this machine's Java, as
 * the image's base provides one), starts the bundle, which answers a query from its inbox.
 */
class ContainerImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IMAGE = Path.of("target/lefi-leka-bundle-image.tar");

    @TempDir
    Path unpacked;

    @Test
    void theImageHoldsTheBundleAndItsEntrypointStartsIt() throws Exception {
        assertThat(IMAGE).as("built by mvn package (Jib)").exists();
        run("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", unpacked.toString());
        JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        Path root = Files.createDirectories(unpacked.resolve("root"));
        for (JsonNode layer : manifest.path("Layers")) {
            run("tar", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", root.toString());
        }
        JsonNode config = JSON.readTree(unpacked.resolve(manifest.path("Config").asText()).toFile()).path("config");
        String workingDir = config.path("WorkingDir").asText();
        assertThat(workingDir).isEqualTo("/app");
        Path app = root.resolve(workingDir.substring(1));
        assertThat(app.resolve("config/application.properties")).exists();
        assertThat(app.resolve("routes/fk-lanes.camel.yaml")).exists();
        assertThat(app.resolve("classes/se/lefileka/BundleMain.class")).exists();
        assertThat(Files.list(app.resolve("libs")).map(jar -> jar.getFileName().toString()))
                .anyMatch(jar -> jar.startsWith("camel-main-"));

        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).last().isEqualTo("se.lefileka.BundleMain");

        int httpPort = RunningBundle.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Dbundle.http.port=" + httpPort,
                "-Djms.embedded.acceptor=tcp://127.0.0.1:" + RunningBundle.freePort(),
                "-Dbundle.inbox.stable-millis=500",
                // the real clock: FK's usual service window must not hold the query, whatever the hour the suite runs
                "-Dlefi.online.service-window.hold=false"));
        for (String part : entrypoint.subList(1, entrypoint.size())) {
            // the image's paths, where this test unpacked them
            command.add(part.startsWith("@") ? "@" + rooted(root, Path.of(part.substring(1))) : part);
        }
        Process bundle = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(unpacked.resolve("bundle.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> ready(httpPort));
            Path inbox = app.resolve("data/inbox/online");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(inbox));
            Folders.drop(inbox, "q.json", Queries.online("from-the-image", Persons.known(1)));
            Path answer = app.resolve("data/outbox/online/from-the-image.json");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(answer));
            assertThat(JSON.readTree(answer.toFile()).path("status").asText()).isEqualTo("OK");
        } finally {
            bundle.destroy();
            if (!bundle.waitFor(30, TimeUnit.SECONDS)) {
                bundle.destroyForcibly();
            }
        }
    }

    /** The image's argument file with the image's paths turned into the unpacked ones. */
    private static Path rooted(Path root, Path argumentFile) throws Exception {
        Path inImage = root.resolve(root.getRoot().relativize(argumentFile));
        String content = Files.readString(inImage).replace("/app/", root.resolve("app") + "/");
        return Files.writeString(inImage.resolveSibling(inImage.getFileName() + ".unpacked"), content);
    }

    private static boolean ready(int port) {
        try {
            return BundleHttp.get(port, "/observe/health/ready").statusCode() == 200;
        } catch (Exception notYetServing) {
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
