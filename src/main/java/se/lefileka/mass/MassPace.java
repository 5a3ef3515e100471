package se.lefileka.mass;

import java.time.OffsetDateTime;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.budget.LanePace;
import se.lefileka.message.Headers;

/**
 * When to poll a mass case, so that a chunk costs as few calls as it can: its submission and,
 * most often, one poll that finds it ready ({@code KLAR}).
 * <p>
 * The pace learns how long FK takes a case (per API version, kept in {@code mass_pace} across
 * restarts): the time by which nineteen cases in twenty are ready. A case's first poll waits that long;
 * a first poll that finds the case still worked on ({@code PAGAR}) raises the time, one made around
 * that time that finds it ready lowers it a little (a quantile followed step by step, in proportion to
 * the time, so it fits FK's pace whether cases take seconds or hours; the first two cases after the
 * probe move it further, as one case tells little of the others). A case first polled well after
 * its time (the budget was busy with submissions) teaches nothing: that it was ready by then says
 * nothing of whether it was ready by the learned time. After a {@code PAGAR}, the next poll comes
 * when FK's {@code Retry-After} says, else after a quarter of the case's age, and not before the
 * learned time (between the first poll's time and the cap). Until a first case has been seen, the
 * oldest case (the probe) is polled at ages growing by &radic;2 from the first poll's time; the
 * other cases' polls wait until the probe tells how long FK takes, and then come in the order the
 * cases were opened, each about that long after its submission.
 * <p>
 * A batch's submissions go first: while chunks of a batch wait to be submitted ({@code mass_chunk},
 * on every node), none of its cases is polled, however due, not even the probe; its polls are made
 * once its submissions are, while its last cases are still worked on. A batch then ends about when
 * its last case is ready, and no later than its calls take at the budget's rate; and the probe
 * starts from the age its case has by then, without the polls of the seconds before. Batches take
 * turns ({@link MassFeed}): a small batch done submitting is polled while a large one is still
 * submitting, and while nothing is learned, one of its cases probes in place of a probe held
 * behind its own batch's submissions. Only a case left unpolled for {@link #LONGEST_HOLD_MILLIS}
 * (FK keeps a case three days) is polled before. (A poll that names no batch waits for the
 * submissions of every batch.)
 * <p>
 * The mass budget asks {@link #notDueUntil} before a poll takes a turn of the budget, and again
 * when it would leave: a poll that is not due goes back on the queue, held until it may be.
 * <p>
 * Case ages are on the wall clock (as the broker schedules), so that they mean the same on every
 * node and across restarts.
 */
public class MassPace implements LanePace {

    /** The share of cases ready by the learned time. */
    static final double QUANTILE = 0.95;
    /** How far one case moves the learned time (in proportion to it). */
    static final double STEP = 0.2;
    /** How far the first case after the probe moves it; the n-th after the probe moves it this over n. */
    static final double FIRST_STEP = 0.5;
    /** How much older the probe is at each poll than at the one before, at least. */
    private static final double PROBE_FACTOR = 1.4;
    private static final Logger LOG = LoggerFactory.getLogger(MassPace.class);
    /** The mass lane's poll call (header {@code FkCall}). */
    public static final String POLL = "lefi-mass-poll";
    /** How long past its due time the probe may be silent before another case probes. */
    private static final long PROBE_SILENCE_MILLIS = 60_000;
    /** The longest a case waits unpolled for submissions to be made (FK keeps a case 72 hours). */
    static final long LONGEST_HOLD_MILLIS = 24 * 3_600_000L;
    /** How often the chunks waiting to be submitted are counted, at most. */
    private static final long COUNT_MILLIS = 500;
    /** The shortest a poll is held back, so that held polls never circle the queue. */
    private static final long SHORTEST_HOLD_MILLIS = 1_000;

    private final JdbcTemplate jdbc;
    private final MassBatches batches;
    private final Clock clock;
    private final String apiVersion;
    private final long firstPollMillis;
    private final long maxPollMillis;
    private final long millisPerCall;
    private Long readyMillis;
    private int casesLearned;
    private boolean loaded;
    private String probe;
    private String probeBatch;
    private long probeDue;
    private Map<String, Integer> chunksToSubmit = Map.of();
    private int casesOpen;
    private long nextCount;

    /**
     * @param millisPerCall how long the budget takes a call at its rate (window over calls a window),
     *                      to tell how long the chunks waiting take to submit
     */
    public MassPace(DataSource dataSource, MassBatches batches, Clock clock, String apiVersion, long firstPollMillis,
                    long maxPollMillis, long millisPerCall) {
        if (firstPollMillis < 1 || maxPollMillis < firstPollMillis) {
            throw new IllegalArgumentException("lefi.mass.first-poll-millis is above 0 and lefi.mass.max-poll-millis "
                    + "no less, not " + firstPollMillis + " and " + maxPollMillis);
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.batches = batches;
        this.clock = clock;
        this.millisPerCall = millisPerCall;
        this.apiVersion = apiVersion;
        this.firstPollMillis = firstPollMillis;
        this.maxPollMillis = maxPollMillis;
    }

    /** How long FK takes a case, as learned (milliseconds); null before a first case was seen. */
    public synchronized Long readyMillis() {
        load();
        return readyMillis;
    }

    /** FK opened the chunk's case: notes when on the message, and returns how long to wait before its first poll. */
    public long accepted(MassAnswer answer, Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Headers.CASE, answer.chunk().arendeId());
        message.setHeader(Headers.CASE_OPENED, clock.millis());
        message.setHeader(Headers.POLLS_PENDING, 0);
        message.removeHeader(Headers.POLL_TIME_FROM_FK);
        synchronized (this) {
            load();
            if (readyMillis == null && probe == null) {
                // the oldest case probes: the others, opened after it, are polled in the order they were opened
                probe = answer.chunk().arendeId();
                probeBatch = answer.chunk().batchId();
                probeDue = clock.millis() + firstPollMillis;
            }
            return readyMillis == null ? firstPollMillis : Math.max(firstPollMillis, readyMillis);
        }
    }

    /** FK still works on the case: learns from it, and returns how long to wait before the next poll. */
    public long pending(MassAnswer answer, Exchange exchange) {
        Message message = exchange.getMessage();
        int pending = message.getHeader(Headers.POLLS_PENDING, 0, Integer.class) + 1;
        message.setHeader(Headers.POLLS_PENDING, pending);
        long age = age(message);
        Integer retryAfter = answer.retryAfterSeconds();
        if (retryAfter != null) {
            message.setHeader(Headers.POLL_TIME_FROM_FK, true);
        } else {
            message.removeHeader(Headers.POLL_TIME_FROM_FK);
        }
        synchronized (this) {
            load();
            if (pending == 1 && readyMillis != null && age >= readyMillis) {
                learn(Math.round(readyMillis * Math.exp(step() * QUANTILE)));
            }
            long delay = retryAfter != null ? Math.max(1000L, retryAfter * 1000L)
                    : clamp(readyMillis == null ? probeWait(age) : Math.max(age / 4, readyMillis - age));
            if (isProbe(message)) {
                probeDue = clock.millis() + delay;
            }
            return delay;
        }
    }

    /** FK answered the case: learns how long it took. */
    public void answered(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!POLL.equals(message.getHeader(Headers.CALL)) || message.getHeader(Headers.CASE_OPENED) == null
                || message.getHeader(Headers.FAILURE) != null) {
            return;
        }
        long age = age(message);
        int pending = message.getHeader(Headers.POLLS_PENDING, 0, Integer.class);
        synchronized (this) {
            load();
            if (readyMillis == null) {
                learn(Math.max(firstPollMillis, age));
            } else if (pending == 0 && age <= readyMillis * Math.exp(STEP * QUANTILE)) {
                learn(Math.max(firstPollMillis, Math.round(readyMillis * Math.exp(-step() * (1 - QUANTILE)))));
            }
            if (isProbe(message)) {
                probe = null;
            }
        }
    }

    /** The case will not be polled again (its batch ended): should it be the probe, another case probes. */
    public synchronized void forget(Exchange exchange) {
        if (isProbe(exchange.getMessage())) {
            probe = null;
        }
    }

    /** When the poll is due: 0 when it may be made now, else when it comes back (see {@link #notYetDue}). */
    @Override
    public long notDueUntil(Exchange exchange) {
        return notYetDue(exchange) ? holdUntil(exchange) : 0;
    }

    /**
     * Whether the poll waits: while chunks wait to be submitted; then, while nothing is learned,
     * unless it is the probe's; then, for a first poll FK gave no time for, until the learned time.
     */
    boolean notYetDue(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!POLL.equals(message.getHeader(Headers.CALL)) || message.getHeader(Headers.CASE_OPENED) == null) {
            return false;
        }
        int pending = message.getHeader(Headers.POLLS_PENDING, 0, Integer.class);
        boolean timeFromFk = Boolean.TRUE.equals(message.getHeader(Headers.POLL_TIME_FROM_FK, Boolean.class));
        long now = clock.millis();
        if (message.getHeader(Headers.CASE_OPENED, Long.class) > now) {
            // opened by a node whose clock is ahead: its age is unknown, so it is not held
            return false;
        }
        String batch = message.getHeader(Headers.BATCH_ID, String.class);
        synchronized (this) {
            load();
            long age = age(message);
            if (age < LONGEST_HOLD_MILLIS && chunksToSubmit(batch, now) > 0) {
                return true;
            }
            if (readyMillis == null) {
                if (probe == null || isProbe(message) || now > probeDue + PROBE_SILENCE_MILLIS
                        || chunksToSubmit(probeBatch, now) > 0) {
                    probe = message.getHeader(Headers.CASE, String.class);
                    probeBatch = batch;
                    probeDue = now;
                    return false;
                }
                return true;
            }
            return !timeFromFk && pending == 0 && age < readyMillis;
        }
    }

    /** Holds the poll until the chunks waiting are submitted, or until the probe's next poll, or until its time. */
    long holdUntil(Exchange exchange) {
        Message message = exchange.getMessage();
        long now = clock.millis();
        long due;
        String batch = message.getHeader(Headers.BATCH_ID, String.class);
        synchronized (this) {
            int waiting = chunksToSubmit(batch, now);
            if (waiting > 0) {
                // its batch's chunks take their turns beside the other batches' (MassFeed)
                int inTurns = batch == null ? waiting
                        : Math.min(chunksToSubmit(null, now), waiting * chunksToSubmit.size());
                due = now + Math.max(SHORTEST_HOLD_MILLIS, inTurns * millisPerCall);
                if (isProbe(message)) {
                    probeDue = due;
                } else {
                    // the held polls come back spread over the time they take at the budget's rate, not
                    // together: near the end of a large batch's submissions thousands of them would
                    // otherwise circle the lane every second and crowd out its last submissions
                    due += Math.floorMod(String.valueOf(message.getHeader(Headers.CASE)).hashCode(),
                            Math.max(1, casesOpen)) * millisPerCall;
                }
            } else if (readyMillis == null) {
                due = Math.max(probeDue, now) + SHORTEST_HOLD_MILLIS;
            } else {
                due = message.getHeader(Headers.CASE_OPENED, Long.class) + readyMillis;
            }
        }
        // the broker schedules by its own (wall) clock, not the bundle's
        return System.currentTimeMillis() + Math.max(0, due - now);
    }

    /**
     * How long the probe waits after a {@code PAGAR}: until the next age of the series first poll,
     * &radic;2 times that, twice that, ... that is at least {@link #PROBE_FACTOR} times as old as the
     * case. The series is the case's own, not the polls': a poll that came late (it waited its turn
     * behind submissions) does not push the ones after it further. Polls on the series find the case
     * by &radic;2 times the time FK took; after a late one, by twice at most.
     */
    private long probeWait(long age) {
        double due = firstPollMillis;
        while (due < age * PROBE_FACTOR && due < maxPollMillis * 2) {
            due *= Math.sqrt(2);
        }
        return Math.round(due) - age;
    }

    /** How far one case moves the learned time: further for the first cases after the probe's. */
    private double step() {
        return Math.max(STEP, FIRST_STEP / Math.max(1, casesLearned));
    }

    /**
     * The chunks of the batch still to be submitted (of every unfinished batch when {@code batch} is
     * null; and, beside, the cases open: submitted, not yet answered), counted at most every
     * {@link #COUNT_MILLIS}.
     */
    private int chunksToSubmit(String batch, long now) {
        if (now >= nextCount || now < nextCount - COUNT_MILLIS) {
            chunksToSubmit = batches.chunksToSubmitByBatch();
            casesOpen = batches.casesOpen();
            nextCount = now + COUNT_MILLIS;
        }
        return batch == null ? chunksToSubmit.values().stream().mapToInt(Integer::intValue).sum()
                : chunksToSubmit.getOrDefault(batch, 0);
    }

    private boolean isProbe(Message message) {
        return probe != null && probe.equals(message.getHeader(Headers.CASE, String.class));
    }

    private long age(Message message) {
        Long opened = message.getHeader(Headers.CASE_OPENED, Long.class);
        return opened == null ? 0 : Math.max(0, clock.millis() - opened);
    }

    private long clamp(long delay) {
        return Math.min(maxPollMillis, Math.max(firstPollMillis, delay));
    }

    private void load() {
        if (!loaded) {
            jdbc.query("SELECT ready_millis, cases_learned FROM mass_pace WHERE api_version = ?", row -> {
                readyMillis = row.getLong(1);
                casesLearned = row.getInt(2);
            }, apiVersion);
            loaded = true;
            if (readyMillis != null) {
                LOG.info("FK takes a mass case about {} s ({}), as learned before", readyMillis / 1000, apiVersion);
            }
        }
    }

    private void learn(long millis) {
        if (readyMillis == null) {
            LOG.info("FK took {} s on a first mass case ({}); cases are polled that long after their submission",
                    millis / 1000, apiVersion);
        }
        readyMillis = millis;
        casesLearned++;
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (jdbc.update("UPDATE mass_pace SET ready_millis = ?, cases_learned = ?, updated_at = ? WHERE api_version = ?",
                millis, casesLearned, now, apiVersion) == 0) {
            jdbc.update("INSERT INTO mass_pace (api_version, ready_millis, cases_learned, updated_at) VALUES (?, ?, ?, ?)",
                    apiVersion, millis, casesLearned, now);
        }
    }
}
