package se.lefileka.budget;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classes of work a budget serves, in the order of their priority, each with a minimum share
 * of the budget's turns while it has work: which waiting class takes the next turn. A waiting class
 * that had a whole turn fewer of the recent {@value #RECENT_TURNS} than its share goes first (the one
 * owed most); else the waiting class of the highest priority. So caseworkers go before bulk work, and no class starves.
 * <p>
 * A budget with no classes ({@link #NONE}) takes its calls first come, first served.
 */
public final class WorkClasses {

    /** No classes: every call takes its turn as it comes. */
    public static final WorkClasses NONE = new WorkClasses(Map.of());

    /** How many recent turns a share is counted over. */
    static final int RECENT_TURNS = 20;

    private final Map<String, Double> minShareByPriority;
    private final Deque<String> recent = new ArrayDeque<>();

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
        String behind = null;
        long furthest = 0;
        String first = null;
        for (Map.Entry<String, Double> workClass : minShareByPriority.entrySet()) {
            if (!waiting.contains(workClass.getKey())) {
                continue;
            }
            first = first == null ? workClass.getKey() : first;
            long owed = owed(workClass.getKey(), workClass.getValue());
            if (owed > furthest) {
                furthest = owed;
                behind = workClass.getKey();
            }
        }
        return behind != null ? behind : first;
    }

    /** Notes a turn taken by a call of the class. */
    public synchronized void took(String workClass) {
        if (knows(workClass)) {
            recent.addLast(workClass);
            if (recent.size() > RECENT_TURNS) {
                recent.removeFirst();
            }
        }
    }

    /** How many whole turns of the recent ones the class is owed by its minimum share (one in ten: one after ten). */
    private long owed(String workClass, double minShare) {
        long had = recent.stream().filter(workClass::equals).count();
        return (long) Math.floor(minShare * recent.size() + 1e-9) - had;
    }
}
