package se.lefileka.broker;

import java.util.List;
import java.util.Map;

/** What is on a queue of the broker the bundle uses (queue-depth metrics, the mass feed and its checks). */
public interface BrokerQueues {

    /** Messages waiting on the queue (0 for a queue that does not exist yet). */
    long messageCount(String queue);

    /** Messages on the queue that are not scheduled for later: waiting, or being delivered. */
    long unscheduledCount(String queue);

    /**
     * Moves the queue's first message to the other queue, in one transaction of the broker's (the
     * message is on one of the two whatever happens); false when the queue has none, or when either
     * queue does not exist yet.
     */
    boolean moveFirst(String queue, String toQueue);

    /**
     * Removes the queue, and its address, when it is there and empty (a mass batch's queue once it
     * is done); returns whether it removed it.
     */
    boolean removeEmptyQueue(String queue);

    /** How long the oldest message on the queue has waited (null when there is none). */
    Long oldestMessageAgeMillis(String queue);

    /**
     * The properties of every message on the queue, waiting, scheduled for later or being delivered
     * (none for a queue that does not exist yet); never their bodies.
     */
    List<Map<String, Object>> messageProperties(String queue);
}
