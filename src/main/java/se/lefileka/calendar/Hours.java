package se.lefileka.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** Opening hours within one day, {@code HH:MM-HH:MM}: open from the first time, closed from the second. */
public record Hours(LocalTime opens, LocalTime closes) {

    public static Hours parse(String text) {
        String[] parts = text.trim().split("-");
        try {
            if (parts.length == 2) {
                Hours hours = new Hours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
                if (hours.opens.isBefore(hours.closes)) {
                    return hours;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("opening hours must be HH:MM-HH:MM with the first before the second, not '"
                + text + "'");
    }

    /** The hours both allow (the shorter window where they overlap). */
    public Hours within(Hours other) {
        LocalTime from = opens.isAfter(other.opens) ? opens : other.opens;
        LocalTime to = closes.isBefore(other.closes) ? closes : other.closes;
        return from.isBefore(to) ? new Hours(from, to) : null;
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && time.isBefore(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
