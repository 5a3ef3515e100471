package se.lefileka.mass;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.budget.LaneGate;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.ResultStatus;

/**
 * How far each running batch is: rows read and rejected, chunks made, submitted and answered,
 * and answered rows per status. Logged at an interval (no personal data: batch names and
 * numbers only), and available as a snapshot for health and metrics.
 * <p>
 * It also watches for batches that make no progress: one whose counts have not moved for the
 * stuck time while the mass lane was open is named in health and in the log; and, sooner, one
 * with chunks waiting to be submitted while the open lane has made no mass call for the idle time
 * (submissions go first: while a chunk waits, no poll of any batch is made).
 */
public class MassProgress {

    private static final Logger LOG = LoggerFactory.getLogger(MassProgress.class);

    private final MassBatches batches;
    private final LaneGate gate;
    private final double callsPerSecond;
    private final Clock clock;
    private final Supplier<Long> caseMillis;
    private final long stuckAfterNanos;
    private final LongSupplier millisSinceMassCall;
    private final long idleAfterNanos;
    /** Since when (System.nanoTime) chunks have waited to be submitted while the lane was open; null if not so. */
    private Long waitingSince;
    /** Per batch id: its counts when last seen, and since when (System.nanoTime) they have not moved while open. */
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(BatchProgress progress, long unchangedSince) {
    }

    /**
     * @param millisSinceMassCall milliseconds since the mass lane's last call, whatever FK answered
     * @param idleAfter           how long the open lane may make no call while chunks wait to be submitted
     */
    public MassProgress(MassBatches batches, LaneGate gate, Supplier<Long> caseMillis, double callsPerSecond,
                        Clock clock, Duration stuckAfter, LongSupplier millisSinceMassCall, Duration idleAfter) {
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("lefi.mass.idle-after-millis must be above 0, not " + idleAfter.toMillis());
        }
        this.millisSinceMassCall = millisSinceMassCall;
        this.idleAfterNanos = idleAfter.toNanos();
        this.callsPerSecond = callsPerSecond;
        this.clock = clock;
        this.caseMillis = caseMillis;
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("lefi.mass.stuck-after-millis must be above 0, not " + stuckAfter.toMillis());
        }
        this.batches = batches;
        this.gate = gate;
        this.stuckAfterNanos = stuckAfter.toNanos();
    }

    /** One batch's progress. */
    public record BatchProgress(String id, String name, MassBatch.State state, int rowsRead, int chunks,
                                int chunksSubmitted, int chunksAnswered, Map<ResultStatus, Integer> rows, int calls,
                                int polls) {

        public int rowsAnswered() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Whether chunks of the batch wait to be submitted. */
        boolean chunksToSubmit() {
            return chunks > chunksSubmitted;
        }

        boolean sameCounts(BatchProgress other) {
            return state == other.state && rowsRead == other.rowsRead && chunks == other.chunks
                    && chunksSubmitted == other.chunksSubmitted && chunksAnswered == other.chunksAnswered;
        }

        /** The counts in words, for the log and health (no personal data). */
        public String counts() {
            return state.name().toLowerCase() + ": " + rowsRead + " rows read, " + chunks + " chunks, "
                    + chunksSubmitted + " submitted, " + chunksAnswered + " answered; rows answered "
                    + rowsAnswered() + " " + rows + "; " + calls + " FK calls, " + polls + " of them polls"
                    + (chunksSubmitted == 0 ? "" : String.format(Locale.ROOT, " (%.2f calls per submitted chunk)",
                            (double) calls / chunksSubmitted));
        }
    }

    /**
     * Says in the log, when a batch has been read while FK's mass service is closed, when its
     * calls will start, so that a batch dropped on a Saturday evening is not met with silence.
     */
    public void announce(String batchId) throws SQLException {
        if (gate.isClosed()) {
            MassBatch batch = batches.find(batchId);
            LOG.info("Mass batch {} is read; FK's mass service is closed now, and its calls start when it opens ({})",
                    batch == null ? batchId : batch.name(), gate.describe());
        }
    }

    /** When the batch should be done: its remaining calls at the mass budget's rate, in the mass service's hours. */
    public MassEstimate estimate(BatchProgress batch) {
        Long seconds = caseSeconds();
        return MassEstimate.of(batch.chunks() - batch.chunksSubmitted(), batch.chunksSubmitted() - batch.chunksAnswered(),
                callsPerSecond, Duration.ofSeconds(seconds == null ? 0 : seconds), gate.hours(), clock.instant());
    }

    /** Seconds until the batch should be done (infinite when the mass service does not open again). */
    public double secondsToDone(BatchProgress batch) {
        MassEstimate estimate = estimate(batch);
        return estimate.done() == null ? Double.POSITIVE_INFINITY
                : Math.max(0, Duration.between(clock.instant(), estimate.done()).toMillis() / 1000.0);
    }

    /** How long FK takes a mass case, as learned (seconds); null before a first case was seen. */
    public Long caseSeconds() {
        Long millis = caseMillis.get();
        return millis == null ? null : millis / 1000;
    }

    /** The running batches. */
    public List<BatchProgress> snapshot() throws SQLException {
        return progressOf(batches.running());
    }

    /** The batches done in the last day, latest first. */
    public List<BatchProgress> recentlyDone() throws SQLException {
        return progressOf(batches.doneSince(AnswerTime.now(clock).minusDays(1)));
    }

    private List<BatchProgress> progressOf(List<MassBatch> found) throws SQLException {
        List<BatchProgress> progress = new ArrayList<>();
        for (MassBatch batch : found) {
            MassBatches.ChunkProgress chunks = batches.chunkProgress(batch.id());
            Map<ResultStatus, Integer> rows = new EnumMap<>(chunks.answered());
            rows.merge(ResultStatus.REJECTED, batch.rowsRejected(), Integer::sum);
            int answered = chunks.chunks().getOrDefault(MassBatches.ChunkState.ANSWERED, 0);
            int submitted = answered + chunks.chunks().getOrDefault(MassBatches.ChunkState.SUBMITTED, 0);
            progress.add(new BatchProgress(batch.id(), batch.name(), batch.state(), batch.rowsRead(), batch.chunks(),
                    submitted, answered, rows, chunks.calls(), chunks.polls()));
        }
        return progress;
    }

    /**
     * The running batches that made no progress for the stuck time while the lane was open, and
     * those with chunks waiting to be submitted while the open lane made no call for the idle time.
     * Time while the lane is closed does not count: a batch waiting for the opening is not stuck.
     */
    public synchronized List<BatchProgress> stuck() throws SQLException {
        long now = System.nanoTime();
        boolean open = gate.isOpen();
        List<BatchProgress> running = snapshot();
        boolean chunksWait = running.stream().anyMatch(BatchProgress::chunksToSubmit);
        waitingSince = !open || !chunksWait ? null : waitingSince == null ? Long.valueOf(now) : waitingSince;
        boolean idle = waitingSince != null && now - waitingSince >= idleAfterNanos
                && millisSinceMassCall.getAsLong() >= Duration.ofNanos(idleAfterNanos).toMillis();
        Map<String, Seen> next = new HashMap<>();
        List<BatchProgress> stuck = new ArrayList<>();
        for (BatchProgress batch : running) {
            Seen before = seen.get(batch.id());
            long since = before == null || !open || !before.progress().sameCounts(batch) ? now : before.unchangedSince();
            next.put(batch.id(), new Seen(batch, since));
            if (now - since >= stuckAfterNanos || idle && batch.chunksToSubmit()) {
                stuck.add(batch);
            }
        }
        seen.clear();
        seen.putAll(next);
        return stuck;
    }

    /** Logs a line per running batch, and a warning for each batch that makes no progress. */
    public void report() throws SQLException {
        Long caseSeconds = caseSeconds();
        for (BatchProgress batch : snapshot()) {
            LOG.info("Mass batch {} ({}); {}; {}", batch.name(), batch.counts(),
                    caseSeconds == null ? "how long FK takes a case is not known yet"
                            : "FK takes about " + caseSeconds + " s a case", estimate(batch).describe());
        }
        for (BatchProgress batch : stuck()) {
            LOG.warn("Mass batch {} ({}) is making no progress while the mass lane is open ({})", batch.id(),
                    batch.name(), batch.counts());
        }
    }
}
