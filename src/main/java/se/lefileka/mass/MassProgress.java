package se.lefileka.mass;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.query.ResultStatus;

/**
 * How far each running batch is: rows read and rejected, chunks made, submitted and answered,
 * and answered rows per status. Logged at an interval (no personal data: batch names and
 * numbers only), and available as a snapshot for health and metrics.
 */
public class MassProgress {

    private static final Logger LOG = LoggerFactory.getLogger(MassProgress.class);

    private final MassBatches batches;

    public MassProgress(MassBatches batches) {
        this.batches = batches;
    }

    /** One batch's progress. */
    public record BatchProgress(String name, MassBatch.State state, int rowsRead, int chunks, int chunksSubmitted,
                                int chunksAnswered, Map<ResultStatus, Integer> rows) {

        public int rowsAnswered() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public List<BatchProgress> snapshot() throws SQLException {
        List<BatchProgress> progress = new ArrayList<>();
        for (MassBatch batch : batches.running()) {
            MassBatches.ChunkProgress chunks = batches.chunkProgress(batch.id());
            Map<ResultStatus, Integer> rows = new EnumMap<>(chunks.answered());
            rows.merge(ResultStatus.REJECTED, batch.rowsRejected(), Integer::sum);
            int answered = chunks.chunks().getOrDefault(MassBatches.ChunkState.ANSWERED, 0);
            int submitted = answered + chunks.chunks().getOrDefault(MassBatches.ChunkState.SUBMITTED, 0);
            progress.add(new BatchProgress(batch.name(), batch.state(), batch.rowsRead(), batch.chunks(), submitted,
                    answered, rows));
        }
        return progress;
    }

    /** Logs a line per running batch. */
    public void report() throws SQLException {
        for (BatchProgress batch : snapshot()) {
            LOG.info("Mass batch {} ({}): {} rows read, {} chunks, {} submitted, {} answered; rows answered {} {}",
                    batch.name(), batch.state().name().toLowerCase(), batch.rowsRead(), batch.chunks(),
                    batch.chunksSubmitted(), batch.chunksAnswered(), batch.rowsAnswered(), batch.rows());
        }
    }
}
