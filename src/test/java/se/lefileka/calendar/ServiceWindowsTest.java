package se.lefileka.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ServiceWindowsTest {

    private final ServiceWindows windows = ServiceWindows.parse("SATURDAY 16:00-SUNDAY 13:00",
            "2026-12-02T00:00/2026-12-02T06:00");

    @Test
    void theUsualWeekendWindow() {
        assertThat(windows.isOpen(at("2026-11-28T15:59:59"))).isTrue();
        assertThat(windows.isOpen(at("2026-11-28T16:00"))).isFalse();
        assertThat(windows.isOpen(at("2026-11-29T12:59:59"))).isFalse();
        assertThat(windows.isOpen(at("2026-11-29T13:00"))).isTrue();
        assertThat(windows.nextChange(at("2026-11-26T10:00"))).isEqualTo(at("2026-11-28T16:00"));
        assertThat(windows.nextChange(at("2026-11-28T20:00"))).isEqualTo(at("2026-11-29T13:00"));
        assertThat(windows.describe(at("2026-11-28T20:00"))).isEqualTo("closed: a service window until 2026-11-29 13:00");
    }

    @Test
    void anAnnouncedExtraWindow() {
        assertThat(windows.isOpen(at("2026-12-02T05:59"))).isFalse();
        assertThat(windows.isOpen(at("2026-12-02T06:00"))).isTrue();
        assertThat(windows.nextChange(at("2026-11-29T13:00"))).isEqualTo(at("2026-12-02T00:00"));
        assertThat(windows.nextChange(at("2026-12-02T01:00"))).isEqualTo(at("2026-12-02T06:00"));
    }

    @Test
    void twentyFourHundredEndsAWindow() {
        ServiceWindows toMidnight = ServiceWindows.parse("SATURDAY 16:00-SUNDAY 24:00",
                "2026-12-03T18:00/2026-12-03T24:00");
        assertThat(toMidnight.isOpen(at("2026-11-29T23:59:59"))).isFalse();
        assertThat(toMidnight.isOpen(at("2026-11-30T00:00"))).isTrue();
        assertThat(toMidnight.nextChange(at("2026-11-29T12:00"))).isEqualTo(at("2026-11-30T00:00"));
        assertThat(toMidnight.isOpen(at("2026-12-03T23:59"))).isFalse();
        assertThat(toMidnight.nextChange(at("2026-12-03T19:00"))).isEqualTo(at("2026-12-04T00:00"));
    }

    @Test
    void acrossTheDaylightSavingChange() {
        // Saturday 2026-03-28 16:00 CET to Sunday 2026-03-29 13:00 CEST
        assertThat(windows.nextChange(at("2026-03-28T17:00"))).isEqualTo(Instant.parse("2026-03-29T11:00:00Z"));
    }

    private static Instant at(String stockholmTime) {
        return LocalDateTime.parse(stockholmTime).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
