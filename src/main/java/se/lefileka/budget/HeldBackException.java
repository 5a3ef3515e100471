package se.lefileka.budget;

/**
 * The budget does not let a call leave now: its gate is closed (FK's hours, a service window),
 * this node does not lead, or the call is not yet due (its pace). The call is not made; the lane
 * puts it back on its queue, to be delivered again at {@link #until()}.
 */
public class HeldBackException extends RuntimeException {

    private final long until;

    /** @param until when the call comes back to its lane (epoch millis, the broker's wall clock) */
    public HeldBackException(String reason, long until) {
        super(reason, null, false, false);
        this.until = until;
    }

    /** When the call comes back to its lane (epoch millis, the broker's wall clock). */
    public long until() {
        return until;
    }
}
