package se.lefileka.broker;

import java.util.List;
import java.util.Map;

/** What is on a queue of the broker the bundle uses (queue-depth metrics, the mass reconciler). */
public interface BrokerQueues {

    /** Messages waiting on the queue (0 for a queue that does not exist yet). */
    long messageCount(String queue);

    /** How long the oldest message on the queue has waited (null when there is none). */
    Long oldestMessageAgeMillis(String queue);

    /**
     * The properties of every message on the queue, waiting, scheduled for later or being delivered
     * (none for a queue that does not exist yet); never their bodies.
     */
    List<Map<String, Object>> messageProperties(String queue);
}
