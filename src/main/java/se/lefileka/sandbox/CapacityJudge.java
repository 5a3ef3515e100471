package se.lefileka.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Judges every request by the SLA's capacity rules, exactly as CONTRACT.md states them, and
 * counts each breach per budget and rule. Every call counts, also one that is answered 429. Each
 * organisation's budgets are judged on their own (the SLA is per agreement): a v2 call is the
 * organisation's its {@code X-Organisationsnummer} names, a v1 call (which names none) is
 * {@link #NO_ORGANISATION}'s.
 */
public class CapacityJudge {

    /** The organisation of a call that names none (v1). */
    public static final String NO_ORGANISATION = "";

    private final Map<String, Map<Budget, Lane>> organisations = new ConcurrentHashMap<>();

    private Map<Budget, Lane> lanesOf(String organisation) {
        return organisations.computeIfAbsent(organisation, key -> {
            Map<Budget, Lane> lanes = new EnumMap<>(Budget.class);
            for (Budget budget : Budget.values()) {
                lanes.put(budget, new Lane(budget));
            }
            return lanes;
        });
    }

    /** Records a request start of a call naming no organisation; returns the rule it breaks, or null. */
    public Rule start(Budget budget) {
        return start(NO_ORGANISATION, budget);
    }

    /** Records a request start in the organisation's budget; returns the rule it breaks, or null if it keeps them all. */
    public Rule start(String organisation, Budget budget) {
        return start(organisation, budget, System.nanoTime());
    }

    /** As {@link #start(Budget)}, at the given {@link System#nanoTime()} instant. */
    Rule start(Budget budget, long nanos) {
        return start(NO_ORGANISATION, budget, nanos);
    }

    Rule start(String organisation, Budget budget, long nanos) {
        return lanesOf(organisation).get(budget).start(nanos);
    }

    /** Records that the response to a request of the budget has been fully sent. */
    public void end(Budget budget) {
        end(NO_ORGANISATION, budget);
    }

    public void end(String organisation, Budget budget) {
        end(organisation, budget, System.nanoTime());
    }

    /** As {@link #end(Budget)}, at the given {@link System#nanoTime()} instant. */
    void end(Budget budget, long nanos) {
        end(NO_ORGANISATION, budget, nanos);
    }

    void end(String organisation, Budget budget, long nanos) {
        lanesOf(organisation).get(budget).end(nanos);
    }

    /** The breaches of the budget, every organisation's. */
    public long breaches(Budget budget) {
        return organisations.keySet().stream().mapToLong(organisation -> breaches(organisation, budget)).sum();
    }

    public long breaches(Budget budget, Rule rule) {
        return organisations.values().stream().mapToLong(lanes -> lanes.get(budget).breaches.get(rule).get()).sum();
    }

    /** The breaches of the organisation's budget. */
    public long breaches(String organisation, Budget budget) {
        Map<Budget, Lane> lanes = organisations.get(organisation);
        return lanes == null ? 0 : lanes.get(budget).breaches.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The breaches of the organisation's budgets. */
    public long breaches(String organisation) {
        return breaches(organisation, Budget.ONLINE) + breaches(organisation, Budget.MASS);
    }

    public long breaches() {
        return breaches(Budget.ONLINE) + breaches(Budget.MASS);
    }

    /** How many requests of the budget were judged, every organisation's. */
    public long calls(Budget budget) {
        return organisations.keySet().stream().mapToLong(organisation -> calls(organisation, budget)).sum();
    }

    /** How many requests of the organisation's budget were judged. */
    public long calls(String organisation, Budget budget) {
        Map<Budget, Lane> lanes = organisations.get(organisation);
        return lanes == null ? 0 : lanes.get(budget).calls.get();
    }

    /** When the organisation's requests of the budget started ({@link System#nanoTime()}), those of the last hour. */
    public List<Long> starts(String organisation, Budget budget) {
        Map<Budget, Lane> lanes = organisations.get(organisation);
        if (lanes == null) {
            return List.of();
        }
        Lane lane = lanes.get(budget);
        synchronized (lane) {
            return List.copyOf(lane.starts);
        }
    }

    /** The organisations whose calls were judged. */
    public Set<String> organisations() {
        return Set.copyOf(organisations.keySet());
    }

    /** A readable account of all breaches, for test failure messages. */
    public String report() {
        StringBuilder text = new StringBuilder();
        organisations.forEach((organisation, lanes) -> lanes.forEach((budget, lane) -> text
                .append(organisation.isEmpty() ? "" : organisation + " ").append(budget)
                .append(": calls=").append(lane.calls).append(" breaches=").append(lane.breaches)
                .append(lane.firstBreach == null ? "" : "; first: " + lane.firstBreach).append('\n')));
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
