package se.lefileka.mass;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.ResultStatus;

/**
 * The durable state of mass batches and their chunks ({@code mass_batch}, {@code mass_chunk}):
 * which batch a file or message is, how far its reading got, each chunk's fragaId and case, and
 * how many of its rows were answered with which status.
 */
public class MassBatches {

    /**
     * How far a chunk got: made, kept (waiting for its batch's turn, {@link MassFeed}), queued on the
     * mass lane, submitted (FK opened its case), answered.
     */
    public enum ChunkState { NEW, KEPT, QUEUED, SUBMITTED, ANSWERED }

    private static final String BATCH_COLUMNS = "id, name, source, channel, fingerprint, reply_to, correlation_id, "
            + "state, rows_read, rows_rejected, chunks, started_at, ended_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public MassBatches(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** The unfinished batch of this name, if there is one. */
    public MassBatch unfinished(String name) throws SQLException {
        List<MassBatch> found = batches("SELECT " + BATCH_COLUMNS + " FROM mass_batch WHERE name = ? AND state <> ?",
                name, MassBatch.State.DONE.name());
        return found.isEmpty() ? null : found.get(0);
    }

    /** The unfinished batch that was reading this very input (the same source and fingerprint), if there is one. */
    public MassBatch unfinishedFrom(String source, String fingerprint) throws SQLException {
        List<MassBatch> found = batches("SELECT " + BATCH_COLUMNS + " FROM mass_batch WHERE source = ? "
                + "AND fingerprint = ? AND state <> ?", source, fingerprint, MassBatch.State.DONE.name());
        return found.isEmpty() ? null : found.get(0);
    }

    public MassBatch find(String id) throws SQLException {
        List<MassBatch> found = batches("SELECT " + BATCH_COLUMNS + " FROM mass_batch WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every batch not yet done, oldest first. */
    public List<MassBatch> running() throws SQLException {
        return batches("SELECT " + BATCH_COLUMNS + " FROM mass_batch WHERE state <> ? ORDER BY started_at",
                MassBatch.State.DONE.name());
    }

    /** The batches done since the instant, latest first. */
    public List<MassBatch> doneSince(OffsetDateTime since) throws SQLException {
        return batches("SELECT " + BATCH_COLUMNS + " FROM mass_batch WHERE state = ? AND ended_at >= ? "
                + "ORDER BY ended_at DESC", MassBatch.State.DONE.name(), since);
    }

    /**
     * The ids of the batches that should be done and are not: input read, every chunk answered.
     * Their tally missed an event; the reconciler rebuilds it from the chunks.
     */
    public List<String> stalled() throws SQLException {
        return jdbc.queryForList("SELECT b.id FROM mass_batch b WHERE b.state = ? AND b.chunks = "
                        + "(SELECT COUNT(*) FROM mass_chunk c WHERE c.batch_id = b.id AND c.state = ?)", String.class,
                MassBatch.State.READ.name(), ChunkState.ANSWERED.name());
    }

    public MassBatch create(String name, String source, String channel, String fingerprint, String replyTo,
                            String correlationId) throws SQLException {
        String id = UUID.randomUUID().toString();
        update("INSERT INTO mass_batch (id, name, source, channel, fingerprint, reply_to, correlation_id, state, "
                        + "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, name, source, channel, fingerprint,
                replyTo, correlationId, MassBatch.State.READING.name(), now());
        return find(id);
    }

    public void reading(String id, int rowsRead, int rowsRejected, int chunks) throws SQLException {
        update("UPDATE mass_batch SET rows_read = ?, rows_rejected = ?, chunks = ? WHERE id = ?",
                rowsRead, rowsRejected, chunks, id);
    }

    /** Records the whole input as read; a batch the tally has already completed (all its rows rejected) stays done. */
    public void read(String id, int rowsRead, int rowsRejected, int chunks) throws SQLException {
        update("UPDATE mass_batch SET rows_read = ?, rows_rejected = ?, chunks = ?, "
                        + "state = CASE WHEN state = ? THEN state ELSE ? END WHERE id = ?",
                rowsRead, rowsRejected, chunks, MassBatch.State.DONE.name(), MassBatch.State.READ.name(), id);
    }

    /** Marks the batch done (once: the first end time stays), lets go of what it kept, and returns it. */
    public MassBatch done(String id) throws SQLException {
        update("UPDATE mass_batch SET state = ?, ended_at = ? WHERE id = ? AND state <> ?",
                MassBatch.State.DONE.name(), now(), id, MassBatch.State.DONE.name());
        update("DELETE FROM mass_chunk_request WHERE batch_id = ?", id);
        return find(id);
    }

    /**
     * Records the chunk as made, unless it was made before (its batch's input read again after a
     * restart, or a JMS batch's message came back). Returns whether it is still to be kept for its
     * turn ({@link #keep}): made and not yet fed to the mass lane.
     */
    public boolean chunkMade(MassChunk chunk) throws SQLException {
        int inserted = update("INSERT INTO mass_chunk (batch_id, chunk_no, fraga_id, row_count, state) "
                        + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM mass_chunk WHERE batch_id = ? AND chunk_no = ?)",
                chunk.batchId(), chunk.number(), chunk.fragaId(), chunk.rows().size(), ChunkState.NEW.name(),
                chunk.batchId(), chunk.number());
        if (inserted == 1) {
            return true;
        }
        List<String> state = jdbc.queryForList("SELECT state FROM mass_chunk WHERE batch_id = ? AND chunk_no = ?",
                String.class, chunk.batchId(), chunk.number());
        if (state.isEmpty()) {
            return false;
        }
        ChunkState made = ChunkState.valueOf(state.get(0));
        return made == ChunkState.NEW || made == ChunkState.KEPT;
    }

    /** Keeps the made chunk's submission (its lane message) until its batch's turn, and until FK answered it. */
    public void keep(MassChunk chunk, String request) {
        if (update("UPDATE mass_chunk_request SET request = ? WHERE batch_id = ? AND chunk_no = ?", request,
                chunk.batchId(), chunk.number()) == 0) {
            update("INSERT INTO mass_chunk_request (batch_id, chunk_no, request) VALUES (?, ?, ?)", chunk.batchId(),
                    chunk.number(), request);
        }
        update("UPDATE mass_chunk SET state = ? WHERE batch_id = ? AND chunk_no = ? AND state = ?",
                ChunkState.KEPT.name(), chunk.batchId(), chunk.number(), ChunkState.NEW.name());
    }

    /**
     * The unfinished batches with chunks kept for their turn, in the order they started: the mass
     * feed's turns.
     */
    public List<String> batchesWithChunksKept() {
        return jdbc.queryForList("SELECT b.id FROM mass_batch b WHERE b.state <> ? AND EXISTS (SELECT 1 FROM "
                        + "mass_chunk c WHERE c.batch_id = b.id AND c.state = ?) ORDER BY b.started_at, b.id",
                String.class, MassBatch.State.DONE.name(), ChunkState.KEPT.name());
    }

    /**
     * The batch's first {@code count} chunks kept for their turn, recorded as queued on the mass lane
     * (before they are sent: one whose message does not reach the lane is put back by the lane
     * check, from what is kept); their submissions, in order.
     */
    public List<String> takeKept(String batchId, int count) {
        List<Integer> first = jdbc.queryForList("SELECT chunk_no FROM mass_chunk WHERE batch_id = ? AND state = ? "
                + "ORDER BY chunk_no LIMIT ?", Integer.class, batchId, ChunkState.KEPT.name(), count);
        List<String> taken = new ArrayList<>();
        for (int chunkNo : first) {
            if (update("UPDATE mass_chunk SET state = ? WHERE batch_id = ? AND chunk_no = ? AND state = ?",
                    ChunkState.QUEUED.name(), batchId, chunkNo, ChunkState.KEPT.name()) == 1) {
                taken.add(keptRequest(batchId, chunkNo));
            }
        }
        return taken;
    }

    /** How many chunks of unfinished batches are queued on the mass lane, not yet taken by FK. */
    public int chunksQueued() {
        return chunksOfUnfinishedBatches(ChunkState.QUEUED);
    }

    /** The chunk's submission as kept until FK answered it; null when there is none (made before chunks were kept). */
    public String keptRequest(String batchId, int chunkNo) {
        List<String> kept = jdbc.queryForList("SELECT request FROM mass_chunk_request WHERE batch_id = ? "
                + "AND chunk_no = ?", String.class, batchId, chunkNo);
        return kept.isEmpty() ? null : kept.get(0);
    }

    /**
     * How many chunks of each unfinished batch are still to be submitted (made, kept or queued, not
     * yet taken by FK); only the batches with some.
     */
    public Map<String, Integer> chunksToSubmitByBatch() {
        Map<String, Integer> waiting = new HashMap<>();
        jdbc.query("SELECT c.batch_id, COUNT(*) FROM mass_chunk c JOIN mass_batch b ON b.id = c.batch_id "
                        + "WHERE b.state <> ? AND c.state IN (?, ?, ?) GROUP BY c.batch_id",
                rows -> {
                    waiting.put(rows.getString(1), rows.getInt(2));
                },
                MassBatch.State.DONE.name(), ChunkState.NEW.name(), ChunkState.KEPT.name(), ChunkState.QUEUED.name());
        return waiting;
    }

    /** How many chunks of unfinished batches FK has a case for that is not answered yet. */
    public int casesOpen() {
        return chunksOfUnfinishedBatches(ChunkState.SUBMITTED);
    }

    private int chunksOfUnfinishedBatches(ChunkState state) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mass_chunk c JOIN mass_batch b ON b.id = c.batch_id "
                + "WHERE b.state <> ? AND c.state = ?", Integer.class, MassBatch.State.DONE.name(), state.name());
    }

    /**
     * The chunks of batches read to the end that wait for FK (queued, or submitted and not yet
     * answered), with how far each got: the reconciler checks that the mass lane has a message for each.
     */
    public List<WaitingChunk> waitingChunks() {
        return jdbc.query("SELECT c.batch_id, b.name, c.chunk_no, c.fraga_id, c.row_count, c.state, c.submissions, "
                        + "c.polls FROM mass_chunk c JOIN mass_batch b ON b.id = c.batch_id WHERE b.state = ? "
                        + "AND c.state IN (?, ?) ORDER BY b.started_at, c.chunk_no",
                (rows, n) -> new WaitingChunk(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                        rows.getInt(5), ChunkState.valueOf(rows.getString(6)), rows.getInt(7), rows.getInt(8)),
                MassBatch.State.READ.name(), ChunkState.QUEUED.name(), ChunkState.SUBMITTED.name());
    }

    /** A chunk waiting for FK, and how far it got (two alike were seen at the same point). */
    public record WaitingChunk(String batchId, String batchName, int number, String fragaId, int rows,
                               ChunkState state, int submissions, int polls) {
    }

    /** Whether FK's answer to the chunk is recorded. */
    public boolean chunkIsAnswered(String batchId, int chunkNo) {
        return !jdbc.queryForList("SELECT 1 FROM mass_chunk WHERE batch_id = ? AND chunk_no = ? AND state = ?",
                Integer.class, batchId, chunkNo, ChunkState.ANSWERED.name()).isEmpty();
    }

    public void chunkSubmitted(MassChunk chunk) throws SQLException {
        update("UPDATE mass_chunk SET state = ?, arende_id = ?, submissions = submissions + 1 "
                        + "WHERE batch_id = ? AND chunk_no = ? AND state <> ?",
                ChunkState.SUBMITTED.name(), chunk.arendeId(), chunk.batchId(), chunk.number(),
                ChunkState.ANSWERED.name());
    }

    /** FK answered a poll of the chunk's case (ready or not). */
    public void chunkPolled(MassChunk chunk) throws SQLException {
        update("UPDATE mass_chunk SET polls = polls + 1 WHERE batch_id = ? AND chunk_no = ?", chunk.batchId(),
                chunk.number());
    }

    public void chunkAnswered(MassChunk chunk, Map<ResultStatus, Integer> counts) throws SQLException {
        chunkAnswered(chunk.batchId(), chunk.number(), counts);
    }

    public void chunkAnswered(String batchId, int chunkNo, Map<ResultStatus, Integer> counts) {
        update("UPDATE mass_chunk SET state = ?, ok_count = ?, not_found_count = ?, protected_count = ?, "
                        + "rejected_count = ?, failed_count = ? WHERE batch_id = ? AND chunk_no = ?",
                ChunkState.ANSWERED.name(), counts.getOrDefault(ResultStatus.OK, 0),
                counts.getOrDefault(ResultStatus.NOT_FOUND, 0), counts.getOrDefault(ResultStatus.PROTECTED, 0),
                counts.getOrDefault(ResultStatus.REJECTED, 0), counts.getOrDefault(ResultStatus.FAILED, 0),
                batchId, chunkNo);
        update("DELETE FROM mass_chunk_request WHERE batch_id = ? AND chunk_no = ?", batchId, chunkNo);
    }

    /** How far the batch's chunks got: chunks per state, and answered rows per status. */
    public ChunkProgress chunkProgress(String batchId) throws SQLException {
        Map<ChunkState, Integer> chunks = new EnumMap<>(ChunkState.class);
        Map<ResultStatus, Integer> answered = new EnumMap<>(ResultStatus.class);
        int[] calls = new int[2];
        jdbc.query("SELECT state, COUNT(*), SUM(ok_count), SUM(not_found_count), SUM(protected_count), "
                + "SUM(rejected_count), SUM(failed_count), SUM(submissions), SUM(polls) FROM mass_chunk "
                + "WHERE batch_id = ? GROUP BY state", rows -> {
                    chunks.put(ChunkState.valueOf(rows.getString(1)), rows.getInt(2));
                    answered.merge(ResultStatus.OK, rows.getInt(3), Integer::sum);
                    answered.merge(ResultStatus.NOT_FOUND, rows.getInt(4), Integer::sum);
                    answered.merge(ResultStatus.PROTECTED, rows.getInt(5), Integer::sum);
                    answered.merge(ResultStatus.REJECTED, rows.getInt(6), Integer::sum);
                    answered.merge(ResultStatus.FAILED, rows.getInt(7), Integer::sum);
                    calls[0] += rows.getInt(8);
                    calls[1] += rows.getInt(9);
                }, batchId);
        return new ChunkProgress(chunks, answered, calls[0], calls[1]);
    }

    /** Chunks per state, the rows FK answered per status, and the submissions and polls FK answered. */
    public record ChunkProgress(Map<ChunkState, Integer> chunks, Map<ResultStatus, Integer> answered, int submissions,
                                int polls) {

        /** The calls FK answered for the batch's chunks (submissions and polls). */
        public int calls() {
            return submissions + polls;
        }
    }

    private List<MassBatch> batches(String sql, Object... parameters) {
        return jdbc.query(sql, (rows, n) -> new MassBatch(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                MassBatch.State.valueOf(rows.getString(8)), rows.getInt(9), rows.getInt(10), rows.getInt(11),
                rows.getObject(12, OffsetDateTime.class), rows.getObject(13, OffsetDateTime.class)), parameters);
    }

    private int update(String sql, Object... parameters) {
        return jdbc.update(sql, parameters);
    }

    private OffsetDateTime now() {
        return AnswerTime.now(clock);
    }
}
