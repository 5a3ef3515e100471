package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.calendar.OpeningSchedule;

/** When a batch should be done: its remaining calls at the budget's rate and a case's time, in opening hours. */
class MassEstimateTest {

    /** Open 07:00-21:30 every day, Stockholm time. */
    private static final OpeningSchedule DAYTIME = new OpeningSchedule() {
        @Override
        public boolean isOpen(Instant instant) {
            LocalTime time = instant.atZone(MassCalendar.STOCKHOLM).toLocalTime();
            return !time.isBefore(LocalTime.of(7, 0)) && time.isBefore(LocalTime.of(21, 30));
        }

        @Override
        public Instant nextChange(Instant instant) {
            ZonedDateTime local = instant.atZone(MassCalendar.STOCKHOLM);
            ZonedDateTime opens = local.toLocalDate().atTime(7, 0).atZone(MassCalendar.STOCKHOLM);
            ZonedDateTime closes = local.toLocalDate().atTime(21, 30).atZone(MassCalendar.STOCKHOLM);
            if (local.isBefore(opens)) {
                return opens.toInstant();
            }
            return local.isBefore(closes) ? closes.toInstant() : opens.plusDays(1).toInstant();
        }

        @Override
        public String describe(Instant instant) {
            return "daytime";
        }
    };

    @Test
    void aBatchInOpenHoursIsDoneAfterItsCallsAtTheRateAndOneCase() {
        Instant now = stockholm("2026-12-02T10:00");
        MassEstimate estimate = MassEstimate.of(40, 0, 2.0, Duration.ofSeconds(60), DAYTIME, now);
        assertThat(estimate.done()).isEqualTo(now.plusSeconds(40 * 2 / 2 + 60));
        assertThat(estimate.pausedFrom()).isNull();
        assertThat(estimate.describe()).isEqualTo("done Wednesday 10:01");
    }

    @Test
    void aBatchThatRunsIntoClosingGoesOnWhenFkOpensAgain() {
        // 7080 calls at 2 a second and a minute's case: an hour, of which 30 minutes before closing
        MassEstimate estimate = MassEstimate.of(1000, 5080, 2.0, Duration.ofSeconds(60),
                DAYTIME, stockholm("2026-12-02T21:00"));
        assertThat(estimate.done()).isEqualTo(stockholm("2026-12-03T07:30"));
        assertThat(estimate.describe()).isEqualTo("done Thursday 07:30; paused 21:30-07:00");
    }

    @Test
    void aBatchReadWhileClosedStartsWhenFkOpens() {
        MassEstimate estimate = MassEstimate.of(2, 0, 2.0, Duration.ofSeconds(58), DAYTIME, stockholm("2026-12-05T22:00"));
        assertThat(estimate.done()).isEqualTo(stockholm("2026-12-06T07:01"));
        assertThat(estimate.describe()).isEqualTo("done Sunday 07:01; paused 22:00-07:00");
    }

    private static Instant stockholm(String time) {
        return LocalDateTime.parse(time).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
