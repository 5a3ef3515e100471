package se.lefileka.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestClock;

/** During a service window the online lane holds its work; after it, every query is answered. */
class ServiceWindowIT extends BundleTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void queriesDroppedDuringTheWeekendWindowAreAllAnsweredAfterItAndNoneWasSentDuringIt() throws Exception {
        TestClock clock = TestClock.at("2026-11-28T17:00");
        bundle = RunningBundle.start(data, sandbox, Map.of(), clock);
        dropQueries();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> sandbox.judge().calls(Budget.ONLINE) == 0);

        clock.set("2026-11-29T13:00");
        assertAllAnswered();
    }

    @Test
    void anAnnouncedExtraWindowHoldsTheLaneToo() throws Exception {
        TestClock clock = TestClock.at("2026-12-02T05:00");
        bundle = RunningBundle.start(data, sandbox,
                Map.of("lefi.online.service-windows", "2026-12-02T00:00/2026-12-02T06:00"), clock);
        dropQueries();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> sandbox.judge().calls(Budget.ONLINE) == 0);

        clock.set("2026-12-02T06:00");
        assertAllAnswered();
    }

    private void dropQueries() throws Exception {
        Path inbox = bundle.dir("inbox/online");
        for (int i = 0; i < 3; i++) {
            Folders.drop(inbox, "w" + i + ".json", """
                    {"requestId": "window-%d", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                     "from": "2026-01-01", "to": "2026-06-30"}""".formatted(i, Persons.known(i)));
        }
    }

    private void assertAllAnswered() throws Exception {
        Path outbox = data.resolve("outbox/online");
        await().atMost(Duration.ofSeconds(30)).until(() -> Folders.names(outbox).size() == 3);
        for (int i = 0; i < 3; i++) {
            assertThat(JSON.readTree(Folders.read(outbox.resolve("window-" + i + ".json"))).path("status").asText())
                    .isEqualTo("OK");
        }
    }
}
