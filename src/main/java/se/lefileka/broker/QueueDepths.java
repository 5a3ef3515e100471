package se.lefileka.broker;

/** How many messages wait on a queue of the broker the bundle uses (for the queue-depth metrics). */
public interface QueueDepths {

    /** Messages waiting on the queue (0 for a queue that does not exist yet). */
    long messageCount(String queue);
}
