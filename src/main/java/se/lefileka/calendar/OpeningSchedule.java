package se.lefileka.calendar;

import java.time.Instant;

/** When a service of FK takes calls. */
public interface OpeningSchedule {

    /** A service open at every hour. */
    OpeningSchedule ALWAYS = new OpeningSchedule() {
        @Override
        public boolean isOpen(Instant instant) {
            return true;
        }

        @Override
        public Instant nextChange(Instant instant) {
            return Instant.MAX;
        }

        @Override
        public String describe(Instant instant) {
            return "open at every hour";
        }
    };

    boolean isOpen(Instant instant);

    /** The next instant after {@code instant} at which the service opens or closes. */
    Instant nextChange(Instant instant);

    /** Why the service is open or closed at the instant, for the log. */
    String describe(Instant instant);
}
