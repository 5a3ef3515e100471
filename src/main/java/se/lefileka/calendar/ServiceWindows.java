package se.lefileka.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FK's service windows for online and LEKA calls (CONTRACT.md, "Opening hours"): the usual weekly
 * window (by default Saturday 16:00 to Sunday 13:00) and announced extra windows, in
 * Europe/Stockholm. The service is open outside every window.
 */
public class ServiceWindows implements OpeningSchedule {

    private static final Pattern WEEKLY = Pattern.compile("(\\w+) (\\d\\d:\\d\\d)-(\\w+) (\\d\\d:\\d\\d)");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One window: closed from {@code from}, open again at {@code to}. */
    public record Window(Instant from, Instant to) {

        boolean contains(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    private final Weekly weekly;
    private final List<Window> extra;

    private record Weekly(DayOfWeek fromDay, LocalTime fromTime, DayOfWeek toDay, LocalTime toTime) {
    }

    private ServiceWindows(Weekly weekly, List<Window> extra) {
        this.weekly = weekly;
        this.extra = List.copyOf(extra);
    }

    /**
     * @param weekly e.g. {@code SATURDAY 16:00-SUNDAY 13:00}; blank for none
     * @param extra  comma-separated {@code 2026-12-01T00:00/2026-12-01T06:00} (local times); blank for none
     */
    public static ServiceWindows parse(String weekly, String extra) {
        Weekly usual = null;
        if (!weekly.isBlank()) {
            Matcher m = WEEKLY.matcher(weekly.trim().toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("a weekly service window is DAY HH:MM-DAY HH:MM, e.g. "
                        + "SATURDAY 16:00-SUNDAY 13:00, not '" + weekly + "'");
            }
            DayOfWeek toDay = DayOfWeek.valueOf(m.group(3));
            LocalTime toTime = Hours.end(m.group(4));
            if (toTime.equals(LocalTime.MAX)) {
                toDay = toDay.plus(1);
                toTime = LocalTime.MIDNIGHT;
            }
            usual = new Weekly(DayOfWeek.valueOf(m.group(1)), LocalTime.parse(m.group(2)), toDay, toTime);
        }
        List<Window> windows = new ArrayList<>();
        for (String window : extra.split(",")) {
            if (!window.isBlank()) {
                String[] ends = window.trim().split("/");
                if (ends.length != 2) {
                    throw new IllegalArgumentException("a service window is FROM/TO in local time, e.g. "
                            + "2026-12-01T00:00/2026-12-01T06:00, not '" + window.trim() + "'");
                }
                windows.add(new Window(local(ends[0]), end(ends[1])));
            }
        }
        return new ServiceWindows(usual, windows);
    }

    @Override
    public boolean isOpen(Instant instant) {
        return windowAt(instant) == null;
    }

    @Override
    public Instant nextChange(Instant instant) {
        Window current = windowAt(instant);
        if (current != null) {
            Instant end = current.to();
            for (Window next = windowAt(end); next != null; next = windowAt(end)) {
                end = next.to();
            }
            return end;
        }
        Instant next = Instant.MAX;
        for (Window window : extra) {
            if (window.from().isAfter(instant) && window.from().isBefore(next)) {
                next = window.from();
            }
        }
        if (weekly != null) {
            Window usual = weeklyStartingAfter(instant);
            if (usual.from().isBefore(next)) {
                next = usual.from();
            }
        }
        return next;
    }

    @Override
    public String describe(Instant instant) {
        return isOpen(instant) ? "open: no service window" : "closed: a service window until "
                + WHEN.format(nextChange(instant).atZone(MassCalendar.STOCKHOLM));
    }

    /** The window the instant falls in, or null. */
    Window windowAt(Instant instant) {
        for (Window window : extra) {
            if (window.contains(instant)) {
                return window;
            }
        }
        if (weekly != null) {
            Window usual = weeklyStartingAfter(instant.minus(Duration.ofDays(7)));
            if (usual.contains(instant)) {
                return usual;
            }
            usual = weeklyStartingAfter(usual.from());
            if (usual.contains(instant)) {
                return usual;
            }
        }
        return null;
    }

    /** The first weekly window that starts after the instant. */
    private Window weeklyStartingAfter(Instant instant) {
        ZonedDateTime local = instant.atZone(MassCalendar.STOCKHOLM);
        ZonedDateTime from = local.with(TemporalAdjusters.nextOrSame(weekly.fromDay())).with(weekly.fromTime());
        if (!from.toInstant().isAfter(instant)) {
            from = from.plusWeeks(1).with(weekly.fromTime());
        }
        ZonedDateTime to = from.with(TemporalAdjusters.nextOrSame(weekly.toDay())).with(weekly.toTime());
        if (!to.isAfter(from)) {
            to = to.plusWeeks(1).with(weekly.toTime());
        }
        return new Window(from.toInstant(), to.toInstant());
    }

    /** The end of a window: a local date-time, where {@code T24:00} is the end of that day. */
    private static Instant end(String text) {
        String trimmed = text.trim();
        if (trimmed.endsWith("T" + Hours.END_OF_DAY)) {
            return LocalDate.parse(trimmed.substring(0, trimmed.indexOf('T'))).plusDays(1)
                    .atStartOfDay(MassCalendar.STOCKHOLM).toInstant();
        }
        return local(trimmed);
    }

    private static Instant local(String text) {
        return LocalDateTime.parse(text.trim()).atZone(MassCalendar.STOCKHOLM).toInstant();
    }
}
