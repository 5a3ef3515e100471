package se.lefileka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * The archive an operator installs ({@code target/lefi-leka-bundle-distribution.tar.gz}, made by
 * {@code mvn package}): unpacked, it holds the start script, the settings, the routes, every jar
 * and an example systemd unit, and its start script runs the bundle on its embedded defaults.
 */
class DistributionIT {

    @TempDir
    Path installation;

    @Test
    void theUnpackedArchiveStartsTheBundleWhichAnswersAQueryAndStopsInOrder() throws Exception {
        Path archive = Path.of("target/lefi-leka-bundle-distribution.tar.gz");
        assertThat(archive).exists();
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C",
                installation.toString()).inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("unpacked").isTrue();
        Path home = installation.resolve("lefi-leka-bundle");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/lefi-leka-bundle")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.resolve("config/application.properties")).exists();
        assertThat(home.resolve("routes/fk-lanes.camel.yaml")).exists();
        assertThat(home.resolve("systemd/lefi-leka-bundle.service")).exists();
        assertThat(Folders.names(home.resolve("lib"))).anyMatch(jar -> jar.startsWith("lefi-leka-bundle"))
                .anyMatch(jar -> jar.startsWith("camel-main"));

        Path log = installation.resolve("bundle.log");
        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/lefi-leka-bundle").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put("JAVA_OPTS", "-Dbundle.http.port=" + RunningBundle.freePort()
                + " -Djms.embedded.acceptor=tcp://127.0.0.1:" + RunningBundle.freePort()
                + " -Dbundle.inbox.stable-millis=500");
        Process bundle = start.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> !bundle.isAlive()
                    || Files.readString(log).contains("(lefi-leka-bundle) started in"));
            assertThat(bundle.isAlive()).as(Files.readString(log)).isTrue();
            Folders.drop(Files.createDirectories(home.resolve("data/inbox/online")), "q.json",
                    Queries.online("q-1", Persons.known(1)));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(home.resolve("data/outbox/online/q-1.json")));
        } finally {
            bundle.destroy();
            assertThat(bundle.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("(lefi-leka-bundle) shutdown");
    }
}
