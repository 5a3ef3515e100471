package se.lefileka.mass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.query.ResultStatus;

/**
 * Keeps the mass tally true to the chunks. The tally counts events; should one be lost (a crash
 * at the wrong instant, a message that never arrived), a batch whose chunks are all answered would
 * wait for ever. At start and periodically, the reconciler finds such batches in {@code mass_chunk}
 * and sends the tally the whole batch as the chunks record it; and the tally ignores events of
 * batches already done, so none is ever completed twice.
 */
public class MassReconcile {

    private static final Logger LOG = LoggerFactory.getLogger(MassReconcile.class);

    private final ObjectMapper json;
    private final MassBatches batches;
    private Set<String> seenBefore = Set.of();

    public MassReconcile(ObjectMapper json, MassBatches batches) {
        this.json = json;
        this.batches = batches;
    }

    /**
     * The ids of the batches whose chunks are all answered but which are not done, at this check and
     * the one before (a batch whose last event is still on its way to the tally is left alone).
     */
    public synchronized List<String> stalled() throws SQLException {
        Set<String> now = new HashSet<>(batches.stalled());
        List<String> still = now.stream().filter(seenBefore::contains).sorted().toList();
        seenBefore = now;
        return still;
    }

    /** The tally event that completes a stalled batch, from what its chunks record. */
    public String event(String batchId) throws SQLException, JsonProcessingException {
        MassBatch batch = batches.find(batchId);
        Map<ResultStatus, Integer> counts = new EnumMap<>(batches.chunkProgress(batchId).answered());
        counts.merge(ResultStatus.REJECTED, batch.rowsRejected(), Integer::sum);
        counts.values().removeIf(n -> n == 0);
        LOG.warn("Mass batch {} ({}): every chunk is answered but the tally had not counted them all; "
                + "completing it from its chunks: {} rows, {}", batch.id(), batch.name(), batch.rowsRead(), counts);
        return MassTally.reconcileEvent(json, batch.rowsRead(), batch.chunks(), counts);
    }

    /** Whether the batch is done, or unknown (an event for such a batch is dropped). */
    public boolean isDone(String batchId) throws SQLException {
        MassBatch batch = batchId == null ? null : batches.find(batchId);
        return batch == null || batch.state() == MassBatch.State.DONE;
    }
}
