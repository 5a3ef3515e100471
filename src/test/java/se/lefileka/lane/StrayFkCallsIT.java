package se.lefileka.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.SlaJudged;

/**
 * A route that calls FK itself, past the route rules (added while the bundle runs, as no routes
 * file could be), every 20 ms beside the online lane's own calls, FK's address spelled otherwise
 * than the bundle's setting: FK sees no breach.
 */
@SlaJudged
class StrayFkCallsIT extends BundleTestSupport {

    @Test
    void aRouteCallingFkAroundTheLanesStillWaitsForTheBudgetsTurnsAndThreads() throws Exception {
        bundle = RunningBundle.start(data, sandbox, Map.of("leka.notifications.first-fetch-millis", "600000"));
        // FK's address spelled otherwise than lefi.url: the guard knows FK by where a call connects
        String lefi = bundle.context().resolvePropertyPlaceholders("{{lefi.url}}").replace("127.0.0.1", "localhost");
        assertThat(lefi).startsWith("http://localhost:");
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

        assertThat(sandbox.onlineAnswers()).as("the lane's queries, answered").isGreaterThanOrEqualTo(4);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }
}
