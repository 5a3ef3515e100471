package se.lefileka.lane;

import org.apache.camel.Exchange;

/**
 * Which of a lane's calls wait for their time before they take a turn of the lane's budget: the
 * lane asks before its throttle and again once the call has its turn, and puts a call that is not
 * yet due back on its queue until it is.
 */
public interface LanePace {

    /** Every call is due when it is delivered (the online lane). */
    LanePace EVERY_CALL_DUE = new LanePace() {
        @Override
        public boolean notYetDue(Exchange exchange) {
            return false;
        }

        @Override
        public void holdBack(Exchange exchange) {
            throw new IllegalStateException("no call waits in this lane");
        }
    };

    /** Whether the call should not be made yet. */
    boolean notYetDue(Exchange exchange);

    /** Sets when the call that is not yet due comes back to the lane. */
    void holdBack(Exchange exchange);
}
