package se.lefileka.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when the test moves it (UTC). */
public final class StoppedClock extends Clock {

    private volatile Instant now;

    public StoppedClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock on by that many milliseconds. */
    public void moveBy(long millis) {
        now = now.plusMillis(millis);
    }

    /** Moves the clock on to that instant (epoch milliseconds); never back. */
    public void moveTo(long epochMillis) {
        if (epochMillis > now.toEpochMilli()) {
            now = Instant.ofEpochMilli(epochMillis);
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
