package se.lefileka.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.broker.BrokerQueues;

/**
 * The work waiting in a budget, by class (each class's lane queue): how many calls wait and how
 * long the oldest has waited, for the console, metrics, health and the log. A class whose oldest
 * call has waited longer than the budget's wait limit is late (health: degraded).
 */
public final class WaitingWork {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingWork.class);

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
        return waiting.stream().filter(this::isLate).map(WaitingWork::describe).collect(Collectors.joining("; "));
    }

    /** Whether the class's oldest call waited longer than the limit. */
    public boolean isLate(Waiting waiting) {
        return waiting.oldestMillis() != null && waiting.oldestMillis() > lateAfterMillis;
    }

    /** Logs what waits, class by class, when anything does. */
    public void log() {
        List<Waiting> now = now();
        if (now.stream().anyMatch(w -> w.calls() > 0)) {
            LOG.info("Waiting for the {} budget: {}", budget, now.stream().map(WaitingWork::describe)
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String describe(Waiting waiting) {
        return waiting.workClass() + ": " + (waiting.calls() == 0 ? "none" : waiting.calls() + " waiting"
                + (waiting.oldestMillis() == null ? "" : ", the oldest for " + waiting.oldestMillis() / 1000 + " s"));
    }
}
