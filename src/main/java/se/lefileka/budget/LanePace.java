package se.lefileka.budget;

import org.apache.camel.Exchange;

/**
 * Which of a budget's calls wait for their time before they take a turn of the budget: the
 * budget asks when the call is delivered and again at the instant it would leave, and holds a call
 * that is not yet due back until it is.
 */
public interface LanePace {

    /** Every call is due when it is delivered (the online budget). */
    LanePace EVERY_CALL_DUE = exchange -> 0;

    /**
     * When the call is due (epoch millis, the broker's wall clock), or 0 when it may be made now.
     */
    long notDueUntil(Exchange exchange);
}
