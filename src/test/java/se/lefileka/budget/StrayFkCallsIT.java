package se.lefileka.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.TestCertificates;

/**
 * FK as in production, over mutual TLS: a route that calls FK itself, past the route rules (added
 * while the bundle runs, as no routes file could be), every 20 ms beside the online lane's own
 * calls, FK's address spelled otherwise than the bundle's setting, through a service window that
 * FK answers {@code 503} with a Retry-After: FK sees no breach, and the lane's queries are
 * answered once the window is over.
 */
@SlaJudged
class StrayFkCallsIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path certificatesDir;

    @Test
    void aRouteCallingFkAroundTheLanesStillWaitsForTheBudgetsTurnsAndThreads() throws Exception {
        TestCertificates certificates = TestCertificates.make(certificatesDir);
        sandbox.stop();
        sandbox = new Sandbox(0, Clock.systemUTC(), certificates.serverContext());
        sandbox.refuseBreaches(true);
        sandbox.start();
        Instant windowEnds = Instant.now().plusSeconds(3);
        SandboxFaults.of(sandbox).serviceWindowFor(Duration.between(Instant.now(), windowEnds));
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.notifications.first-fetch-millis", "600000",
                "fk.tls.key-store", certificates.store("client").toString(),
                "fk.tls.key-store-password", TestCertificates.PASSWORD,
                "fk.tls.trust-store", certificates.store("trust").toString(),
                "fk.tls.trust-store-password", TestCertificates.PASSWORD));

        // FK's address spelled otherwise than lefi.url: the guard knows FK by where a call connects
        String lefi = bundle.context().resolvePropertyPlaceholders("{{lefi.url}}").replace("127.0.0.1", "localhost");
        assertThat(lefi).startsWith("https://localhost:");
        bundle.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:stray?period=20").routeId("stray-fk-calls")
                        .setBody(constant("{}"))
                        .to(lefi + "/v2/onlinefragor?httpMethod=POST&throwExceptionOnFailure=false");
            }
        });
        for (int i = 0; i < 4; i++) {
            Folders.drop(bundle.dir("inbox/online"), "q" + i + ".json", Queries.online("q" + i, Persons.known(i)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(data.resolve("outbox/online")).size() == 4
                && sandbox.judge().calls(Budget.ONLINE) >= 8);

        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
        assertThat(sandbox.onlineAnswers()).as("the lane's queries, answered").isGreaterThanOrEqualTo(4);
        for (int i = 0; i < 4; i++) {
            Path answer = data.resolve("outbox/online/q" + i + ".json");
            assertThat(JSON.readTree(Files.readString(answer)).path("status").asText()).isEqualTo("OK");
            assertThat(Files.getLastModifiedTime(answer).toInstant())
                    .as("answered once the service window was over").isAfterOrEqualTo(windowEnds.minusSeconds(1));
        }
    }
}
