package se.lefileka.mass;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.calendar.OpeningSchedule;

/**
 * When a running mass batch should be done: its remaining calls at the mass budget's rate, plus
 * the time FK takes a case, counted in the hours the mass service is open.
 *
 * @param done      the estimated end
 * @param pausedFrom the start of the first closed stretch before it, or null when the batch runs through
 * @param pausedTo  the end of that stretch
 */
public record MassEstimate(Instant done, Instant pausedFrom, Instant pausedTo) {

    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final int MOST_STRETCHES = 1000;

    /**
     * The estimate for a batch with the chunks not yet submitted and those submitted but not yet
     * answered, from now.
     */
    public static MassEstimate of(int unsubmitted, int unanswered, double callsPerSecond, Duration caseTime,
                                  OpeningSchedule hours, Instant now) {
        double seconds = (2.0 * unsubmitted + unanswered) / callsPerSecond
                + (unsubmitted + unanswered > 0 ? caseTime.toSeconds() : 0);
        Duration needed = Duration.ofMillis(Math.round(seconds * 1000));
        Instant at = now;
        Instant pausedFrom = null;
        Instant pausedTo = null;
        for (int stretch = 0; stretch < MOST_STRETCHES; stretch++) {
            Instant change = hours.nextChange(at);
            if (hours.isOpen(at)) {
                if (change.equals(Instant.MAX) || Duration.between(at, change).compareTo(needed) >= 0) {
                    return new MassEstimate(at.plus(needed), pausedFrom, pausedTo);
                }
                needed = needed.minus(Duration.between(at, change));
            } else if (pausedFrom == null && !change.equals(Instant.MAX)) {
                pausedFrom = at;
                pausedTo = change;
            }
            if (change.equals(Instant.MAX)) {
                return new MassEstimate(null, pausedFrom, null);
            }
            at = change;
        }
        return new MassEstimate(null, pausedFrom, pausedTo);
    }

    /** In words, as an operator reads it: "done Thursday 09:40; paused 21:30-07:00". */
    public String describe() {
        if (done == null) {
            return "no end in sight: the mass service does not open again";
        }
        String words = "done " + DAY_AND_TIME.format(at(done));
        if (pausedFrom != null) {
            words += "; paused " + TIME.format(at(pausedFrom)) + "-" + TIME.format(at(pausedTo));
        }
        return words;
    }

    private static ZonedDateTime at(Instant instant) {
        return instant.atZone(MassCalendar.STOCKHOLM);
    }
}
