package se.lefileka.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestClock;

/** On the SLA's own limits: a query waiting for its turn when a service window begins is not sent in it. */
@SlaJudged
class ServiceWindowEdgeIT extends BundleTestSupport {

    @Test
    void aQueryWaitingForItsTurnWhenAWindowBeginsIsNotSentInIt() throws Exception {
        TestClock clock = TestClock.at("2026-12-02T05:59:51");
        sandboxOn(clock);
        bundle = RunningBundle.start(data, sandbox,
                Map.of("lefi.online.service-windows", "2026-12-02T06:00/2026-12-02T07:00"), clock);
        Path inbox = bundle.dir("inbox/online");
        // more than the budget can send before the window (its margin included): some are waiting when it begins
        for (int i = 0; i < 8; i++) {
            Folders.drop(inbox, "b" + i + ".json", """
                    {"requestId": "burst-%d", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                     "from": "2026-01-01", "to": "2026-06-30"}""".formatted(i, Persons.known(i)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.judge().calls(Budget.ONLINE) >= 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> !clock.instant().isBefore(stockholm("2026-12-02T06:00:04")));

        assertThat(sandbox.callsFrom(Budget.ONLINE, stockholm("2026-12-02T06:00"))).as("calls in the window").isZero();
        clock.set("2026-12-02T07:00");
        await().atMost(Duration.ofSeconds(60)).until(() -> Folders.names(data.resolve("outbox/online")).size() == 8);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    private static Instant stockholm(String time) {
        return LocalDateTime.parse(time).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
