package se.lefileka.budget;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classes of work a budget serves, in the order of their priority, each with a minimum share
 * of the budget's turns while it has work: which waiting class takes the next turn. A waiting class
 * whose share is due goes first: one whose last turn was as many turns ago as its share spaces
 * them (a share of 0.1: nine turns of others, then its own), the one most overdue first; else the
 * waiting class of the highest priority. So caseworkers go before bulk work, and no class starves:
 * while the others keep the budget busy, a class with a share of one in ten waits at most nine turns.
 * <p>
 * A budget with no classes ({@link #NONE}) takes its calls first come, first served.
 */
public final class WorkClasses {

    /** No classes: every call takes its turn as it comes. */
    public static final WorkClasses NONE = new WorkClasses(Map.of());

    private final Map<String, Double> minShareByPriority;
    /** Per class, the turns the others took since its own last one (since the start, before it had one). */
    private final Map<String, Long> turnsSince = new HashMap<>();

    /** @param minShareByPriority each class's minimum share (0 for none), the highest priority first */
    public WorkClasses(Map<String, Double> minShareByPriority) {
        minShareByPriority.forEach((name, share) -> {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("the minimum share of work class " + name
                        + " must be between 0 and 1, not " + share);
            }
        });
        if (minShareByPriority.values().stream().mapToDouble(Double::doubleValue).sum() > 1) {
            throw new IllegalArgumentException("the work classes' minimum shares add up to more than the budget: "
                    + minShareByPriority);
        }
        this.minShareByPriority = new LinkedHashMap<>(minShareByPriority);
    }

    /** The classes, the highest priority first. */
    public Collection<String> names() {
        return minShareByPriority.keySet();
    }

    /** Whether the class is one of these (a call of another class, or of none, is not ordered). */
    public boolean knows(String workClass) {
        return workClass != null && minShareByPriority.containsKey(workClass);
    }

    /** Which of the waiting classes takes the next turn; null when none of them is one of these. */
    public synchronized String next(Collection<String> waiting) {
        String overdue = null;
        double mostDue = 1 - 1e-9;
        String first = null;
        for (Map.Entry<String, Double> workClass : minShareByPriority.entrySet()) {
            if (!waiting.contains(workClass.getKey())) {
                continue;
            }
            first = first == null ? workClass.getKey() : first;
            // this turn and the ones since its last, as a multiple of the turns its share spaces
            double due = (turnsSince.getOrDefault(workClass.getKey(), 0L) + 1) * workClass.getValue();
            if (due >= mostDue) {
                mostDue = due + 1e-9;
                overdue = workClass.getKey();
            }
        }
        return overdue != null ? overdue : first;
    }

    /** Notes a turn taken by a call of the class. */
    public synchronized void took(String workClass) {
        if (knows(workClass)) {
            for (String other : minShareByPriority.keySet()) {
                turnsSince.merge(other, 1L, Long::sum);
            }
            turnsSince.put(workClass, 0L);
        }
    }
}
