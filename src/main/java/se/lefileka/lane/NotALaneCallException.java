package se.lefileka.lane;

/**
 * A lane message asks for a call that is not one of its lane's (its {@code FkCall} header names
 * none of them): no call is made, and the message goes to the dead-letter queue.
 */
public class NotALaneCallException extends RuntimeException {

    /** @param lane the lane that got the message (its budget's name: online, mass) */
    public NotALaneCallException(String lane) {
        super("not a call of the " + lane + " lane");
    }
}
