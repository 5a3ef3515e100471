package se.lefileka.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Opening hours within one day, {@code HH:MM-HH:MM}: open from the first time, closed from the
 * second. {@code 24:00} is accepted as the end of a window (and only as the end): the end of the
 * day, so {@code 00:00-24:00} is open all day.
 */
public record Hours(LocalTime opens, LocalTime closes) {

    /** How {@code 24:00}, the end of a day, is written. */
    public static final String END_OF_DAY = "24:00";

    public static Hours parse(String text) {
        String[] parts = text.trim().split("-");
        try {
            if (parts.length == 2) {
                Hours hours = new Hours(LocalTime.parse(parts[0].trim()), end(parts[1]));
                if (hours.opens.isBefore(hours.closes)) {
                    return hours;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("opening hours must be HH:MM-HH:MM with the first before the second "
                + "(24:00 may end a window), not '" + text + "'");
    }

    /** A time that ends a window: {@code HH:MM}, or {@code 24:00} for the end of the day ({@link LocalTime#MAX}). */
    static LocalTime end(String text) {
        return END_OF_DAY.equals(text.trim()) ? LocalTime.MAX : LocalTime.parse(text.trim());
    }

    /** Whether the window runs to the end of the day. */
    public boolean toEndOfDay() {
        return closes.equals(LocalTime.MAX);
    }

    /** The hours both allow (the shorter window where they overlap). */
    public Hours within(Hours other) {
        LocalTime from = opens.isAfter(other.opens) ? opens : other.opens;
        LocalTime to = closes.isBefore(other.closes) ? closes : other.closes;
        return from.isBefore(to) ? new Hours(from, to) : null;
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && (toEndOfDay() || time.isBefore(closes));
    }

    @Override
    public String toString() {
        return opens + "-" + (toEndOfDay() ? END_OF_DAY : closes.toString());
    }
}
