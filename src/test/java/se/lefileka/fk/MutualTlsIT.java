package se.lefileka.fk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestCertificates;

/**
 * Mutual TLS to an FK that requires a client certificate: without one, or with one its CA did not
 * sign, the call fails with a clear error and the query waits; with the organisation's
 * certificate it is answered.
 */
class MutualTlsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path certificatesDir;
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
    void onlyTheOrganisationsCertificateGetsAnAnswerAndTheQueryWaitsUntilThen() throws Exception {
        TestCertificates certificates = TestCertificates.make(certificatesDir);
        sandbox = new Sandbox(0, Clock.systemUTC(), certificates.serverContext());
        sandbox.refuseBreaches(false); // not a test of the pace: lifted limits
        sandbox.start();
        assertThat(sandbox.url()).startsWith("https://");
        Path passwordFile = Files.writeString(certificatesDir.resolve("password"), TestCertificates.PASSWORD + "\n");

        Map<String, String> noCertificate = new HashMap<>();
        noCertificate.put("fk.tls.trust-store", certificates.store("trust").toString());
        noCertificate.put("fk.tls.trust-store-password-file", passwordFile.toString());
        bundle = RunningBundle.start(data, sandbox, noCertificate);
        Folders.drop(bundle.dir("inbox/online"), "q.json", """
                {"requestId": "tls-1", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(Persons.known(7)));
        assertRefusedWithAClearError();

        Map<String, String> untrusted = new HashMap<>(noCertificate);
        untrusted.put("fk.tls.key-store", certificates.store("rogue").toString());
        untrusted.put("fk.tls.key-store-password", TestCertificates.PASSWORD);
        bundle = bundle.restart(sandbox, untrusted);
        assertRefusedWithAClearError();

        Map<String, String> organisation = new HashMap<>(untrusted);
        organisation.put("fk.tls.key-store", certificates.store("client").toString());
        bundle = bundle.restart(sandbox, organisation);
        Path answer = data.resolve("outbox/online/tls-1.json");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(answer));
        assertThat(JSON.readTree(Files.readString(answer)).path("status").asText()).isEqualTo("OK");
        assertThat(sandbox.onlineAnswers()).isEqualTo(1);
    }

    private void assertRefusedWithAClearError() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode lefi = fkLefi();
            assertThat(lefi.path("status").asText()).isEqualTo("DOWN");
            assertThat(lefi.path("message").asText()).startsWith("LEFI cannot be reached: TLS with FK failed");
        });
        assertThat(sandbox.onlineAnswers()).isZero();
        assertThat(data.resolve("outbox/online/tls-1.json")).as("the query waits, it is not failed").doesNotExist();
    }

    private JsonNode fkLefi() throws Exception {
        for (JsonNode check : JSON.readTree(BundleHttp.get(bundle, "/observe/health").body()).path("checks")) {
            if ("fk-lefi".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no fk-lefi check");
    }
}
