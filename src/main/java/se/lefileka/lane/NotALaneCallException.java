package se.lefileka.lane;

/**
 * A lane message asks for a call that is not one of its lane's (its {@code LefiCall} header names
 * none of them): no call is made, and the message goes to the dead-letter queue.
 */
public class NotALaneCallException extends RuntimeException {

    /** @param budget the budget whose lane got the message (its bean's name) */
    public NotALaneCallException(String budget) {
        super("not one of " + budget + "'s calls");
    }
}
