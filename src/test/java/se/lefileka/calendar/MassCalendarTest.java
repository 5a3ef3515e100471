package se.lefileka.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mass service's calendar for 2026 and 2027, as CONTRACT.md and STYLE.md read it. */
class MassCalendarTest {

    private final MassCalendar calendar = MassCalendar.sla();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // holidays and the three eves, closed all day
            "2026-01-01, Nyårsdagen", "2026-01-06, Trettondedag jul", "2026-04-03, Långfredagen",
            "2026-04-05, Påskdagen", "2026-04-06, Annandag påsk", "2026-05-01, Första maj",
            "2026-05-14, Kristi himmelsfärdsdag", "2026-05-24, Pingstdagen", "2026-06-06, Sveriges nationaldag",
            "2026-06-19, Midsommarafton", "2026-06-20, Midsommardagen", "2026-10-31, Alla helgons dag",
            "2026-12-24, Julafton", "2026-12-25, Juldagen", "2026-12-26, Annandag jul", "2026-12-31, Nyårsafton",
            "2027-03-26, Långfredagen", "2027-03-29, Annandag påsk", "2027-05-06, Kristi himmelsfärdsdag",
            "2027-06-25, Midsommarafton", "2027-11-06, Alla helgons dag", "2027-12-24, Julafton",
            "2027-12-31, Nyårsafton"})
    void closedOnHolidaysAndEves(LocalDate day, String name) {
        assertThat(calendar.hours(day)).isEmpty();
        assertThat(calendar.closedReason(day)).isEqualTo(name);
        assertThat(calendar.describe(at(day + "T12:00"))).isEqualTo("closed: " + name);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2026-11-24, 07:00-21:30",  // an ordinary Tuesday
            "2026-11-28, 07:30-16:00",  // an ordinary Saturday
            "2026-11-29, 13:00-21:30",  // an ordinary Sunday
            "2026-04-02, 07:00-16:30",  // Skärtorsdagen, before Långfredagen
            "2026-04-04, 07:30-16:00",  // Påskafton: a Saturday before Påskdagen, the shorter window
            "2026-12-23, 07:00-16:30",  // before Julafton
            "2026-12-30, 07:00-16:30",  // before Nyårsafton
            "2026-06-18, 07:00-16:30",  // before Midsommarafton
            "2026-12-27, 13:00-21:30",  // the Sunday after Annandag jul: Sunday hours
            "2027-01-05, 07:00-16:30",  // before Trettondedag jul
            "2027-05-05, 07:00-16:30",  // before Kristi himmelsfärdsdag
            "2027-11-05, 07:00-16:30",  // before Alla helgons dag
            "2027-03-27, 07:30-16:00",  // Påskafton 2027
            "2026-05-23, 07:30-16:00"}) // Pingstafton, a Saturday before Pingstdagen
    void eachKindOfDayHasItsHours(LocalDate day, String hours) {
        assertThat(calendar.hours(day)).map(Hours::toString).contains(hours);
    }

    @Test
    void opensAtSevenAndClosesAtHalfPastNineExactly() {
        assertThat(calendar.isOpen(at("2026-11-24T06:59:59"))).isFalse();
        assertThat(calendar.isOpen(at("2026-11-24T07:00"))).isTrue();
        assertThat(calendar.isOpen(at("2026-11-24T21:29:59"))).isTrue();
        assertThat(calendar.isOpen(at("2026-11-24T21:30"))).isFalse();
        assertThat(calendar.nextChange(at("2026-11-24T06:00"))).isEqualTo(at("2026-11-24T07:00"));
        assertThat(calendar.nextChange(at("2026-11-24T07:00"))).isEqualTo(at("2026-11-24T21:30"));
        assertThat(calendar.nextChange(at("2026-11-24T21:30"))).isEqualTo(at("2026-11-25T07:00"));
    }

    @Test
    void fromJulaftonTheNextOpeningIsTheSundayAfterAnnandagJul() {
        assertThat(calendar.isOpen(at("2026-12-24T10:00"))).isFalse();
        assertThat(calendar.nextChange(at("2026-12-24T10:00"))).isEqualTo(at("2026-12-27T13:00"));
        assertThat(calendar.nextChange(at("2026-12-30T16:30"))).isEqualTo(at("2027-01-02T07:30"));
    }

    @Test
    void daylightSavingChangesKeepStockholmHours() {
        // 2026-03-29: clocks go forward at 02:00; Sunday opens 13:00 CEST = 11:00 UTC
        assertThat(calendar.nextChange(at("2026-03-28T16:00"))).isEqualTo(Instant.parse("2026-03-29T11:00:00Z"));
        assertThat(calendar.nextChange(Instant.parse("2026-03-29T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T19:30:00Z"));
        // 2026-10-25: clocks go back at 03:00; Sunday opens 13:00 CET = 12:00 UTC
        assertThat(calendar.nextChange(at("2026-10-24T16:00"))).isEqualTo(Instant.parse("2026-10-25T12:00:00Z"));
        assertThat(calendar.isOpen(Instant.parse("2026-10-25T11:30:00Z"))).isFalse();
        assertThat(calendar.isOpen(Instant.parse("2026-10-25T12:00:00Z"))).isTrue();
    }

    @Test
    void twentyFourHundredEndsTheDay() {
        MassCalendar allDay = new MassCalendar(Hours.parse("00:00-24:00"), Hours.parse("07:30-24:00"),
                Hours.parse("13:00-21:30"), Hours.parse("07:00-24:00"), Set.of(), MassCalendar.DayBefore.HOLIDAY_OR_EVE);
        assertThat(allDay.isOpen(at("2026-11-24T00:00"))).isTrue();
        assertThat(allDay.isOpen(at("2026-11-24T23:59:59.999"))).isTrue();
        assertThat(allDay.hours(LocalDate.parse("2026-11-24")).orElseThrow()).hasToString("00:00-24:00");
        // Monday to Friday open all day: the next change is Saturday's 00:00, then its opening at 07:30
        assertThat(allDay.nextChange(at("2026-11-24T10:00"))).isEqualTo(at("2026-11-28T00:00"));
        assertThat(allDay.nextChange(at("2026-11-28T00:00"))).isEqualTo(at("2026-11-28T07:30"));
        // Saturday to 24:00, Sunday from 13:00: closed from midnight
        assertThat(allDay.nextChange(at("2026-11-28T12:00"))).isEqualTo(at("2026-11-29T00:00"));
        assertThat(allDay.isOpen(at("2026-11-29T00:00"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"24:00-07:00", "07:00-24:30", "07:00-07:00", "25:00-07:00", "7-21"})
    void hoursThatCannotBeAreRefused(String text) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hours.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
    }

    @Test
    void extraClosedDatesCloseADayThatWouldBeOpen() {
        MassCalendar outage = new MassCalendar(Hours.parse("07:00-21:30"), Hours.parse("07:30-16:00"),
                Hours.parse("13:00-21:30"), Hours.parse("07:00-16:30"), Set.of(LocalDate.parse("2026-11-24")),
                MassCalendar.DayBefore.HOLIDAY_OR_EVE);
        assertThat(outage.isOpen(at("2026-11-24T12:00"))).isFalse();
        assertThat(outage.describe(at("2026-11-24T12:00"))).isEqualTo("closed: an extra closed date (lefi.mass.closed-dates)");
        assertThat(outage.nextChange(at("2026-11-24T12:00"))).isEqualTo(at("2026-11-25T07:00"));
    }

    @Test
    void theDayBeforeReadingIsConfigurable() {
        MassCalendar publicHolidaysOnly = new MassCalendar(Hours.parse("07:00-21:30"), Hours.parse("07:30-16:00"),
                Hours.parse("13:00-21:30"), Hours.parse("07:00-16:30"), Set.of(), MassCalendar.DayBefore.PUBLIC_HOLIDAY);
        assertThat(publicHolidaysOnly.hours(LocalDate.parse("2026-12-23"))).map(Hours::toString)
                .isEqualTo(Optional.of("07:00-21:30"));
        assertThat(publicHolidaysOnly.hours(LocalDate.parse("2026-04-02"))).map(Hours::toString)
                .isEqualTo(Optional.of("07:00-16:30"));
    }

    private static Instant at(String stockholmTime) {
        return LocalDateTime.parse(stockholmTime).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
