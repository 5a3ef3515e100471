package se.lefileka.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock that runs in real time from an instant a test sets, and can be set again (moved) at any moment. */
public final class TestClock extends Clock {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    /** The instant set and when, together: a reader never sees a new instant with the old moment, nor the reverse. */
    private volatile Setting setting;

    private record Setting(Instant to, long atNanos) {
    }

    private TestClock(Instant start) {
        set(start);
    }

    /** A clock running from the given Stockholm local time. */
    public static TestClock at(String stockholmTime) {
        return new TestClock(stockholm(stockholmTime));
    }

    public void set(Instant instant) {
        setting = new Setting(instant, System.nanoTime());
    }

    public void set(String stockholmTime) {
        set(stockholm(stockholmTime));
    }

    private static Instant stockholm(String time) {
        return LocalDateTime.parse(time).atZone(STOCKHOLM).toInstant();
    }

    @Override
    public Instant instant() {
        Setting now = setting;
        return now.to().plusNanos(System.nanoTime() - now.atNanos());
    }

    @Override
    public ZoneId getZone() {
        return STOCKHOLM;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new Zoned(this, zone);
    }

    private static final class Zoned extends Clock {
        private final TestClock clock;
        private final ZoneId zone;

        Zoned(TestClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Zoned(clock, other);
        }
    }
}
