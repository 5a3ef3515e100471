package se.lefileka.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.database.Database;
import se.lefileka.mass.MassBatches;
import se.lefileka.mass.MassChunk;
import se.lefileka.mass.MassPace;
import se.lefileka.mass.MassAnswer;
import se.lefileka.message.Headers;
import se.lefileka.support.StoppedClock;

/**
 * The odds behind {@link MassPollingBenchmark}'s figures: the real {@link MassPace} driven on a
 * simulated clock over many runs, each with FK's times drawn anew (uniformly between the pace's
 * least and most, no {@code Retry-After}). The budget makes a call every
 * {@code lane.mass.window-millis / lane.mass.per-second}; submissions go first; a poll is asked
 * whether it is due when it comes off the queue and again when it has its turn, as the mass lane
 * does. Prints, per pace and batch (a first one while nothing is learned, then one on what it
 * taught), the calls per chunk and the time against the lower bound: mean, the worst, and how
 * many runs went over the goals (2.2 calls per chunk, 1.2 times the bound).
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.MassPaceOdds -Dbench.rows=20000}
 * ({@code -Dbench.runs=} how many runs a pace, 500 unless said; the runs are seeded, and a held poll is dated by the wall clock, so two runs differ by a millisecond here and there).
 */
public final class MassPaceOdds {

    private static final int CHUNK = 500;
    private static final long MILLIS_PER_CALL = 1050 / 2;
    private static final long FIRST_POLL = 2_000;
    private static final long CAP = 600_000;

    private record Pace(String name, long least, long most) {
    }

    private static final List<Pace> PACES = List.of(new Pace("2 s", 2_000, 2_000),
            new Pace("30-60 s", 30_000, 60_000), new Pace("10-30 min scaled 1:10", 60_000, 180_000));

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final StoppedClock clock = new StoppedClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final DataSource database;
    private final SplittableRandom random;
    private MassPace pace;
    private int toSubmit;
    private int calls;

    private MassPaceOdds(DataSource database, long seed) {
        this.database = database;
        this.random = new SplittableRandom(seed);
    }

    public static void main(String... args) throws Exception {
        int chunks = Integer.getInteger("bench.rows", 20_000) / CHUNK;
        int runs = Integer.getInteger("bench.runs", 500);
        Database migrated = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrated.migrate();
        DataSource database = migrated.dataSource();
        System.out.printf("%d chunks, %d runs a pace%n| FK pace | batch | calls per chunk, mean | worst | runs over 2.2 "
                + "| time / bound, mean | worst | runs over 1.2 |%n|---|---|---|---|---|---|---|---|%n", chunks, runs);
        for (Pace pace : PACES) {
            double[][] calls = new double[2][runs];
            double[][] times = new double[2][runs];
            for (int run = 0; run < runs; run++) {
                new JdbcTemplate(database).update("DELETE FROM mass_pace");
                MassPaceOdds odds = new MassPaceOdds(database, run);
                for (int batch = 0; batch < 2; batch++) {
                    double[] result = odds.batch(pace, chunks);
                    calls[batch][run] = result[0];
                    times[batch][run] = result[1];
                }
            }
            for (int batch = 0; batch < 2; batch++) {
                System.out.printf("| %s | %s | %.2f | %.2f | %d | %.2f | %.2f | %d |%n", pace.name(),
                        batch == 0 ? "first" : "learned", mean(calls[batch]), max(calls[batch]),
                        over(calls[batch], 2.2), mean(times[batch]), max(times[batch]), over(times[batch], 1.2));
            }
        }
        System.exit(0);
    }

    /** One batch of that many chunks: its calls per chunk, and its time over the lower bound. */
    private double[] batch(Pace fk, int chunks) {
        if (pace == null) {
            MassBatches batches = new MassBatches(database, clock) {
                @Override
                public Map<String, Integer> chunksToSubmitByBatch() {
                    return toSubmit > 0 ? Map.of("the batch", toSubmit) : Map.of();
                }
            };
            pace = new MassPace(database, batches, clock, "v2", FIRST_POLL, CAP, MILLIS_PER_CALL);
        }
        PriorityQueue<Poll> queue = new PriorityQueue<>();
        long start = clock.millis();
        long nextTurn = start;
        long end = start;
        calls = 0;
        toSubmit = chunks;
        int answered = 0;
        while (answered < chunks) {
            if (toSubmit > 0 && (queue.isEmpty() || nextTurn <= queue.peek().due)) {
                clock.moveTo(nextTurn);
                nextTurn = call();
                toSubmit--;
                Exchange exchange = new DefaultExchange(camel);
                String arendeId = "case-" + toSubmit;
                long firstPoll = pace.accepted(MassAnswer.accepted(new MassChunk("batch", chunks - toSubmit,
                        arendeId, "HANDLAGGNING", arendeId, List.of())), exchange);
                exchange.getMessage().setHeader(Headers.CALL, "lefi-mass-poll");
                long work = fk.least() + (long) (random.nextDouble() * (fk.most() - fk.least()));
                queue.add(new Poll(clock.millis() + firstPoll, clock.millis() + work, exchange));
                continue;
            }
            Poll poll = queue.poll();
            clock.moveTo(poll.due);
            long until = pace.notDueUntil(poll.exchange);
            if (until > 0) {
                queue.add(poll.heldBack(until));
                continue;
            }
            clock.moveTo(nextTurn);
            until = pace.notDueUntil(poll.exchange);
            if (until > 0) {
                queue.add(poll.heldBack(until));
                continue;
            }
            nextTurn = call();
            if (clock.millis() >= poll.ready) {
                pace.answered(poll.exchange);
                answered++;
                end = clock.millis();
            } else {
                long next = pace.pending(MassAnswer.pending(null, null), poll.exchange);
                queue.add(new Poll(clock.millis() + next, poll.ready, poll.exchange));
            }
        }
        double bound = MassPollingBenchmark.lowerBound(chunks, fk.most() / 1000.0);
        clock.moveTo(clock.millis() + 1_000);
        return new double[] {(double) calls / chunks, (end - start) / 1000.0 / bound};
    }

    /** A call takes the budget's turn now: the next one comes a call's share of the window later. */
    private long call() {
        calls++;
        return clock.millis() + MILLIS_PER_CALL;
    }

    /** A poll on the queue: when it is delivered, when its case is ready, and its message. */
    private final class Poll implements Comparable<Poll> {
        private final long due;
        private final long ready;
        private final Exchange exchange;

        Poll(long due, long ready, Exchange exchange) {
            this.due = due;
            this.ready = ready;
            this.exchange = exchange;
        }

        /** Held back by the pace: delivered again when the broker would (the pace dates it by the wall clock). */
        Poll heldBack(long until) {
            long held = until - System.currentTimeMillis();
            return new Poll(clock.millis() + Math.max(1, held), ready, exchange);
        }

        @Override
        public int compareTo(Poll other) {
            return Long.compare(due, other.due);
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long over(double[] values, double goal) {
        return Arrays.stream(values).filter(value -> value > goal).count();
    }
}
