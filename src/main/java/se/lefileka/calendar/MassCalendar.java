package se.lefileka.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When FK answers mass calls (CONTRACT.md, "Opening hours"), in Europe/Stockholm whatever the
 * host's zone: weekday, Saturday and Sunday hours, shorter hours on a day before a holiday, and
 * closed on Swedish public holidays, Midsommarafton, Julafton and Nyårsafton (jollyday's Swedish
 * calendar, for any year) and on extra closed dates.
 * <p>
 * "A day before a holiday" is read as: a day that is open and not a Sunday, whose next day is a
 * public holiday or one of the three eves ({@link DayBefore#HOLIDAY_OR_EVE}, the default), or,
 * with {@link DayBefore#PUBLIC_HOLIDAY}, only a day whose next day is a public holiday proper.
 * On a Saturday that is also a day before a holiday (Påskafton) the shorter window applies: the
 * hours both allow.
 */
public class MassCalendar implements OpeningSchedule {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    /** Which next days make a day "a day before a holiday". */
    public enum DayBefore { HOLIDAY_OR_EVE, PUBLIC_HOLIDAY }

    private static final Set<String> EVES = Set.of("MIDSUMMER_EVE", "CHRISTMAS_EVE", "NEW_YEARS_EVE");
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("NEW_YEAR", "Nyårsdagen"), Map.entry("EPIPHANY", "Trettondedag jul"),
            Map.entry("christian.GOOD_FRIDAY", "Långfredagen"), Map.entry("christian.EASTER", "Påskdagen"),
            Map.entry("christian.EASTER_MONDAY", "Annandag påsk"), Map.entry("LABOUR_DAY", "Första maj"),
            Map.entry("christian.ASCENSION_DAY", "Kristi himmelsfärdsdag"),
            Map.entry("christian.PENTECOST", "Pingstdagen"), Map.entry("NATIONAL_DAY", "Sveriges nationaldag"),
            Map.entry("MIDSUMMER_EVE", "Midsommarafton"), Map.entry("MIDSUMMER", "Midsommardagen"),
            Map.entry("ALL_SAINTS", "Alla helgons dag"), Map.entry("CHRISTMAS_EVE", "Julafton"),
            Map.entry("CHRISTMAS", "Juldagen"), Map.entry("BOXING_DAY", "Annandag jul"),
            Map.entry("NEW_YEARS_EVE", "Nyårsafton"));

    private final Hours weekday;
    private final Hours saturday;
    private final Hours sunday;
    private final Hours dayBeforeHoliday;
    private final Set<LocalDate> closedDates;
    private final DayBefore dayBefore;
    private final HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.SWEDEN));
    private final Map<Integer, Map<LocalDate, String>> holidaysByYear = new ConcurrentHashMap<>();

    public MassCalendar(Hours weekday, Hours saturday, Hours sunday, Hours dayBeforeHoliday, Set<LocalDate> closedDates,
                        DayBefore dayBefore) {
        this.weekday = weekday;
        this.saturday = saturday;
        this.sunday = sunday;
        this.dayBeforeHoliday = dayBeforeHoliday;
        this.closedDates = Set.copyOf(closedDates);
        this.dayBefore = dayBefore;
    }

    /** The SLA's hours, no extra closed dates. */
    public static MassCalendar sla() {
        return new MassCalendar(Hours.parse("07:00-21:30"), Hours.parse("07:30-16:00"), Hours.parse("13:00-21:30"),
                Hours.parse("07:00-16:30"), Set.of(), DayBefore.HOLIDAY_OR_EVE);
    }

    @Override
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(STOCKHOLM);
        return hours(local.toLocalDate()).map(h -> h.contains(local.toLocalTime())).orElse(false);
    }

    /**
     * The next instant after {@code instant} at which the service opens or closes, looking a year
     * ahead; {@link Instant#MAX} when it does neither in that time (open, or closed, all year).
     */
    @Override
    public Instant nextChange(Instant instant) {
        boolean open = isOpen(instant);
        LocalDate first = instant.atZone(STOCKHOLM).toLocalDate();
        for (int i = 0; i <= 366; i++) {
            LocalDate day = first.plusDays(i);
            List<Instant> edges = new ArrayList<>(List.of(day.atStartOfDay(STOCKHOLM).toInstant()));
            hours(day).ifPresent(h -> edges.addAll(List.of(at(day, h.opens()), at(day, h.closes()))));
            for (Instant edge : edges) {
                if (edge.isAfter(instant) && isOpen(edge) != open) {
                    return edge;
                }
            }
        }
        return Instant.MAX;
    }

    /** The day's opening hours; empty when the service is closed all day. */
    public Optional<Hours> hours(LocalDate day) {
        if (closedReason(day) != null) {
            return Optional.empty();
        }
        Hours hours = switch (day.getDayOfWeek()) {
            case SATURDAY -> saturday;
            case SUNDAY -> sunday;
            default -> weekday;
        };
        if (day.getDayOfWeek() != DayOfWeek.SUNDAY && isDayBeforeHoliday(day)) {
            hours = hours.within(dayBeforeHoliday);
        }
        return Optional.ofNullable(hours);
    }

    /** Why the service is closed all day, or null if it is not: the holiday, or "an extra closed date". */
    public String closedReason(LocalDate day) {
        String holiday = holidayOn(day);
        if (holiday != null) {
            return NAMES.getOrDefault(holiday, holiday);
        }
        return closedDates.contains(day) ? "an extra closed date (lefi.mass.closed-dates)" : null;
    }

    /** Why the service is open or closed at the instant, for the log: e.g. "closed: Julafton". */
    @Override
    public String describe(Instant instant) {
        LocalDate day = instant.atZone(STOCKHOLM).toLocalDate();
        String closedAllDay = closedReason(day);
        if (closedAllDay != null) {
            return "closed: " + closedAllDay;
        }
        Hours hours = hours(day).orElseThrow();
        String kind = isDayBeforeHoliday(day) && day.getDayOfWeek() != DayOfWeek.SUNDAY ? "day before a holiday"
                : day.getDayOfWeek() == DayOfWeek.SATURDAY ? "Saturday"
                : day.getDayOfWeek() == DayOfWeek.SUNDAY ? "Sunday" : "weekday";
        return (isOpen(instant) ? "open" : "closed") + ": " + kind + " hours " + hours;
    }

    private boolean isDayBeforeHoliday(LocalDate day) {
        String next = holidayOn(day.plusDays(1));
        return next != null && (dayBefore == DayBefore.HOLIDAY_OR_EVE || !EVES.contains(next));
    }

    /** The jollyday key of the holiday (or eve) on the day, or null. */
    private String holidayOn(LocalDate day) {
        return holidaysByYear.computeIfAbsent(day.getYear(), year -> {
            Map<LocalDate, String> days = new ConcurrentHashMap<>();
            for (Holiday holiday : holidays.getHolidays(Year.of(year))) {
                days.put(holiday.getDate(), holiday.getPropertiesKey());
            }
            return days;
        }).get(day);
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return time.equals(LocalTime.MAX) ? day.plusDays(1).atStartOfDay(STOCKHOLM).toInstant()
                : ZonedDateTime.of(day, time, STOCKHOLM).toInstant();
    }
}
