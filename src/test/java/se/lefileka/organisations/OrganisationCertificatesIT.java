package se.lefileka.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestCertificates;

/**
 * Each organisation calls FK with its own client certificate: against an FK that requires mutual
 * TLS, the default organisation's calls come with its certificate and the second organisation's
 * with the one its settings file names (its password from a file), never the other's.
 */
class OrganisationCertificatesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path certificatesDir;
    @TempDir
    Path organisations;
    private Sandbox sandbox;
    private RunningBundle bundle;

    @AfterEach
    void stop() {
        if (bundle != null) {
            bundle.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void eachOrganisationsCallsComeWithItsOwnCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.make(certificatesDir);
        sandbox = new Sandbox(0, Clock.systemUTC(), certificates.serverContext());
        sandbox.refuseBreaches(false); // not a test of the pace: lifted limits
        sandbox.start();
        Path passwordFile = Files.writeString(certificatesDir.resolve("password"), TestCertificates.PASSWORD + "\n");
        Files.writeString(organisations.resolve("kommun-b.properties"), """
                lefi.organisationsnummer = 2120000143
                fk.tls.key-store = %s
                fk.tls.key-store-password-file = %s
                """.formatted(certificates.store("client-b"), passwordFile));
        bundle = RunningBundle.start(data, sandbox, Map.of(
                "bundle.organisations.dir", organisations.toString(),
                "fk.tls.trust-store", certificates.store("trust").toString(),
                "fk.tls.trust-store-password-file", passwordFile.toString(),
                "fk.tls.key-store", certificates.store("client").toString(),
                "fk.tls.key-store-password", TestCertificates.PASSWORD,
                "leka.notifications.first-fetch-millis", "600000"));
        Folders.drop(bundle.dir("inbox/online"), "a.json", Queries.online("a", Persons.known(1)));
        Folders.drop(Files.createDirectories(data.resolve("kommun-b/inbox/online")), "b.json",
                Queries.online("b", Persons.known(2)));

        Path a = data.resolve("outbox/online/a.json");
        Path b = data.resolve("kommun-b/outbox/online/b.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(a) && Files.exists(b));
        assertThat(JSON.readTree(a.toFile()).path("status").asText()).isEqualTo("OK");
        assertThat(JSON.readTree(b.toFile()).path("status").asText()).isEqualTo("OK");
        assertThat(sandbox.clientCertificates("2120000142")).containsExactly("CN=Test Kommun");
        assertThat(sandbox.clientCertificates("2120000143")).containsExactly("CN=Test Kommun B");
    }
}
