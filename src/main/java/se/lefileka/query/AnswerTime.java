package se.lefileka.query;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** The moment an answer is given, as results show it: Stockholm time, whole seconds. */
public final class AnswerTime {

    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock.withZone(QueryValidator.STOCKHOLM)).truncatedTo(ChronoUnit.SECONDS);
    }

    private AnswerTime() {
    }
}
