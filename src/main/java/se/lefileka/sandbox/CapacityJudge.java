package se.lefileka.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Judges every request by the SLA's capacity rules, exactly as CONTRACT.md states them, and
 * counts each breach per budget and rule. Every call counts, also one that is answered 429.
 */
public class CapacityJudge {

    private final Map<Budget, Lane> lanes = new EnumMap<>(Budget.class);

    public CapacityJudge() {
        for (Budget budget : Budget.values()) {
            lanes.put(budget, new Lane(budget));
        }
    }

    /** Records a request start; returns the rule it breaks, or null if it keeps them all. */
    public Rule start(Budget budget) {
        return start(budget, System.nanoTime());
    }

    /** As {@link #start(Budget)}, at the given {@link System#nanoTime()} instant. */
    Rule start(Budget budget, long nanos) {
        return lanes.get(budget).start(nanos);
    }

    /** Records that the response to a request of the budget has been fully sent. */
    public void end(Budget budget) {
        end(budget, System.nanoTime());
    }

    /** As {@link #end(Budget)}, at the given {@link System#nanoTime()} instant. */
    void end(Budget budget, long nanos) {
        lanes.get(budget).end(nanos);
    }

    public long breaches(Budget budget) {
        return lanes.get(budget).breaches.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long breaches(Budget budget, Rule rule) {
        return lanes.get(budget).breaches.get(rule).get();
    }

    public long breaches() {
        return breaches(Budget.ONLINE) + breaches(Budget.MASS);
    }

    /** How many requests of the budget were judged. */
    public long calls(Budget budget) {
        return lanes.get(budget).calls.get();
    }

    /** A readable account of all breaches, for test failure messages. */
    public String report() {
        StringBuilder text = new StringBuilder();
        lanes.forEach((budget, lane) -> text.append(budget).append(": calls=").append(lane.calls)
                .append(" breaches=").append(lane.breaches)
                .append(lane.firstBreach == null ? "" : "; first: " + lane.firstBreach).append('\n'));
        return text.toString();
    }

    private static final class Lane {
        private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
        private static final long GAP = TimeUnit.MILLISECONDS.toNanos(Budget.GAP_MILLIS);

        private final Budget budget;
        private final Deque<Long> starts = new ArrayDeque<>();
        private final Deque<Long> ends = new ArrayDeque<>();
        private final Map<Rule, AtomicLong> breaches = new EnumMap<>(Rule.class);
        private final AtomicLong calls = new AtomicLong();
        private int inFlight;
        private String firstBreach;

        Lane(Budget budget) {
            this.budget = budget;
            for (Rule rule : Rule.values()) {
                breaches.put(rule, new AtomicLong());
            }
        }

        synchronized Rule start(long now) {
            while (!ends.isEmpty() && now - ends.peekFirst() >= GAP) {
                ends.removeFirst();
            }
            while (!starts.isEmpty() && now - starts.peekFirst() >= 3600 * SECOND) {
                starts.removeFirst();
            }
            Rule broken = null;
            if (inFlight >= budget.threads) {
                broken = Rule.THREADS;
            } else if (inFlight + ends.size() >= budget.threads) {
                broken = Rule.GAP;
            } else if (startsWithin(now, SECOND) >= budget.perSecond) {
                broken = Rule.PER_SECOND;
            } else if (startsWithin(now, 60 * SECOND) >= budget.perMinute) {
                broken = Rule.PER_MINUTE;
            } else if (starts.size() >= budget.perHour) {
                broken = Rule.PER_HOUR;
            }
            starts.addLast(now);
            inFlight++;
            calls.incrementAndGet();
            if (broken != null) {
                breaches.get(broken).incrementAndGet();
                firstBreach = firstBreach != null ? firstBreach : broken + " at a start with, before it, starts "
                        + startsBefore(now) + " ms ago, " + inFlight + " in flight, ends " + endsBefore(now) + " ms ago";
            }
            return broken;
        }

        synchronized void end(long now) {
            inFlight--;
            ends.addLast(now);
        }

        private String startsBefore(long now) {
            return starts.stream().filter(t -> now - t < 2 * SECOND)
                    .map(t -> String.valueOf(TimeUnit.NANOSECONDS.toMillis(now - t))).toList().toString();
        }

        private String endsBefore(long now) {
            return ends.stream().map(t -> String.valueOf(TimeUnit.NANOSECONDS.toMillis(now - t))).toList().toString();
        }

        private int startsWithin(long now, long window) {
            int count = 0;
            for (Iterator<Long> it = starts.descendingIterator(); it.hasNext(); ) {
                if (now - it.next() >= window) {
                    break;
                }
                count++;
            }
            return count;
        }
    }
}
