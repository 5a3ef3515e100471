package se.lefileka.mass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.mass.MassBatches.WaitingChunk;
import se.lefileka.message.Headers;
import se.lefileka.query.ResultStatus;

/**
 * Keeps every waiting chunk on the mass lane. A chunk recorded as waiting for FK whose lane has no
 * message for it (its call was made but the answer could not be recorded, as when the bundle
 * stopped under it, and the lane's message went to the dead-letter queue) would wait for ever, and
 * while it waits to be submitted no poll of any batch is made. At start and periodically, the check
 * lists the lane's messages (waiting, scheduled or being delivered); a chunk missing from it at two
 * checks in a row, without moving in between, is lost. It is put back on the lane as the database
 * keeps it until FK answered it ({@link MassFeed}), or else (a chunk made before chunks were kept
 * there) from the dead-letter queue as it was, to be submitted under its own fragaId (FK answers a
 * fragaId it already has with the same case); one that is in neither place ends its rows {@code FAILED}.
 */
public class MassLaneCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MassLaneCheck.class);

    private final ObjectMapper json;
    private final MassBatches batches;
    private final BrokerQueues broker;
    private final String laneQueue;
    private Set<WaitingChunk> missingBefore = Set.of();

    public MassLaneCheck(ObjectMapper json, MassBatches batches, BrokerQueues broker, String laneQueue) {
        this.json = json;
        this.batches = batches;
        this.broker = broker;
        this.laneQueue = laneQueue;
    }

    /**
     * The waiting chunks with no message on the lane, at this check and the one before, unmoved.
     * The lane's messages are listed only when it holds fewer than the chunks waiting (each has one
     * message there): a lane of a million rows' chunks is not read through every minute.
     */
    public synchronized List<WaitingChunk> lost() {
        List<WaitingChunk> waiting = batches.waitingChunks();
        if (waiting.isEmpty() || broker.messageCount(laneQueue) >= waiting.size()) {
            missingBefore = Set.of();
            return List.of();
        }
        Set<String> onLane = broker.messageProperties(laneQueue).stream()
                .map(message -> key(message.get(Headers.BATCH_ID), message.get(Headers.CHUNK_NO)))
                .collect(Collectors.toSet());
        Set<WaitingChunk> missing = waiting.stream()
                .filter(chunk -> !onLane.contains(key(chunk.batchId(), chunk.number())))
                .collect(Collectors.toCollection(HashSet::new));
        List<WaitingChunk> lost = waiting.stream().filter(missing::contains).filter(missingBefore::contains).toList();
        missingBefore = missing;
        return lost;
    }

    /**
     * The lost chunk's lane message as the dead-letter queue kept it (taken off it), to be submitted
     * again under its own fragaId; null when the dead-letter queue does not have it (or what it has
     * is not the chunk).
     */
    public MassChunk deadLettered(WaitingChunk lost, String deadLettered) {
        if (deadLettered == null) {
            return null;
        }
        try {
            MassChunk chunk = json.readValue(deadLettered, MassChunk.class);
            return chunk.batchId().equals(lost.batchId()) && chunk.number() == lost.number()
                    && chunk.fragaId().equals(lost.fragaId()) ? chunk.withArendeId(null) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The lost chunk to put back on the lane, to be submitted under its own fragaId: as the database
     * keeps it, or else as the dead-letter queue kept it (the exchange's body, {@link #deadLettered});
     * null when neither has it.
     */
    public MassChunk putBack(WaitingChunk lost, Exchange exchange) throws JsonProcessingException {
        Object body = exchange.getMessage().getBody();
        MassChunk deadLettered = body instanceof MassChunk chunk ? chunk : null;
        String kept = batches.keptRequest(lost.batchId(), lost.number());
        MassChunk chunk = kept != null ? json.readValue(kept, MassChunk.class).withArendeId(null) : deadLettered;
        if (chunk != null) {
            LOG.warn("Mass batch {} ({}), chunk {}: nothing on the mass lane for it ({}); put back from the {}, to be "
                    + "submitted under its own fragaId", lost.batchId(), lost.batchName(), lost.number(), lost.state(),
                    kept != null ? "database" : "dead-letter queue");
        }
        return chunk;
    }

    /**
     * Ends the rows of a lost chunk that cannot be put back {@code FAILED}, and returns the tally
     * event that counts them.
     */
    public String cannotPutBack(WaitingChunk lost, Exchange exchange) throws JsonProcessingException {
        Map<ResultStatus, Integer> failed = Map.of(ResultStatus.FAILED, lost.rows());
        batches.chunkAnswered(lost.batchId(), lost.number(), failed);
        LOG.error("Mass batch {} ({}), chunk {} (fragaId {}): nothing on the mass lane for it ({}) and not in the "
                        + "dead-letter queue either; its {} rows are counted FAILED (they are not in the batch's "
                        + "output, whose summary counts them)", lost.batchId(), lost.batchName(), lost.number(),
                lost.fragaId(), lost.state(), lost.rows());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Headers.BATCH_ID, lost.batchId());
        return MassTally.chunkEvent(json, lost.number(), lost.rows(), failed);
    }

    private static String key(Object batchId, Object chunkNo) {
        return Objects.toString(batchId) + "/" + Objects.toString(chunkNo);
    }
}
