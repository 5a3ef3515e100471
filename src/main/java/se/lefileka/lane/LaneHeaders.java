package se.lefileka.lane;

/**
 * The headers a lane message travels with, set by the routes that put it on a lane (YAML) and read
 * by the lane template ({@code fk-lanes.camel.yaml}).
 */
public final class LaneHeaders {

    /** The call to make: a {@code direct:} route among the lane's {@code calls}. */
    public static final String CALL = "LefiCall";
    /** Where the answer goes: a {@code direct:} route among the lane's {@code answers}. */
    public static final String ANSWER = "LefiAnswer";
    /** Set by a route: the message is to be delivered this many milliseconds from now. */
    public static final String DELAY_MILLIS = "LefiDelayMillis";

    private LaneHeaders() {
    }
}
