package se.lefileka.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import se.lefileka.broker.BrokerQueues;

/**
 * The work waiting in a budget, by class (each class's lane queue): how many calls wait and how
 * long the oldest has waited, for metrics and health. A class whose oldest call has waited longer
 * than the budget's wait limit is late (health: degraded).
 */
public final class WaitingWork {

    /** What waits in one class: its calls, and the age of the oldest (null when none). */
    public record Waiting(String workClass, String queue, long calls, Long oldestMillis) {
    }

    private final String budget;
    private final BrokerQueues broker;
    private final Map<String, String> queueByClass;
    private final long lateAfterMillis;

    /** @param queueByClass each class's lane queue, the highest priority first */
    public WaitingWork(String budget, BrokerQueues broker, Map<String, String> queueByClass, long lateAfterMillis) {
        this.budget = budget;
        this.broker = broker;
        this.queueByClass = new LinkedHashMap<>(queueByClass);
        this.lateAfterMillis = lateAfterMillis;
    }

    public String budget() {
        return budget;
    }

    public Map<String, String> queueByClass() {
        return queueByClass;
    }

    /** What waits now, class by class, the highest priority first. */
    public List<Waiting> now() {
        List<Waiting> waiting = new ArrayList<>();
        queueByClass.forEach((workClass, queue) -> waiting.add(new Waiting(workClass, queue,
                broker.messageCount(queue), broker.oldestMessageAgeMillis(queue))));
        return waiting;
    }

    /** The classes whose oldest call waited longer than the limit, in words; empty when none. */
    public String late(List<Waiting> waiting) {
        return waiting.stream().filter(w -> w.oldestMillis() != null && w.oldestMillis() > lateAfterMillis)
                .map(w -> w.workClass() + ": " + w.calls() + " waiting, the oldest for " + w.oldestMillis() / 1000 + " s")
                .collect(Collectors.joining("; "));
    }
}
