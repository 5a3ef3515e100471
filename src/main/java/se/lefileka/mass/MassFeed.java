package se.lefileka.mass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches take turns on the mass lane. A batch's chunks wait for their turn in the database
 * ({@code mass_chunk}, kept as they are read); the feed keeps {@code lane.mass.fed-ahead} chunks
 * queued on the lane and not yet taken by FK, and tops it up with the first chunk of each batch
 * with chunks waiting, in turn: round robin in the order the batches started (a batch alone
 * takes the whole room at once). A batch of 20 rows dropped after a million-row one is submitted
 * at the next turn, not after the million. A chunk is recorded as queued before it is sent: one
 * that does not reach the lane is put back by the lane check, from the database.
 */
public class MassFeed {

    private final ObjectMapper json;
    private final MassBatches batches;
    private final int fedAhead;
    private String lastTurn;

    public MassFeed(ObjectMapper json, MassBatches batches, int fedAhead) {
        if (fedAhead < 1) {
            throw new IllegalArgumentException("lane.mass.fed-ahead is at least 1, not " + fedAhead);
        }
        this.json = json;
        this.batches = batches;
        this.fedAhead = fedAhead;
    }

    /** The chunks whose turn it is, each recorded as queued: to be sent to the mass lane now. */
    public synchronized List<MassChunk> next() throws JsonProcessingException {
        int room = fedAhead - batches.chunksQueued();
        List<MassChunk> fed = new ArrayList<>();
        if (room <= 0) {
            return fed;
        }
        List<String> turns = inTurn(batches.batchesWithChunksKept());
        while (fed.size() < room && !turns.isEmpty()) {
            for (String batchId : List.copyOf(turns)) {
                if (fed.size() == room) {
                    break;
                }
                List<String> taken = batches.takeKept(batchId, turns.size() == 1 ? room - fed.size() : 1);
                if (taken.isEmpty()) {
                    turns.remove(batchId);
                    continue;
                }
                for (String request : taken) {
                    fed.add(json.readValue(request, MassChunk.class));
                }
                lastTurn = batchId;
            }
        }
        return fed;
    }

    /** The batches, starting with the one after the batch that had the last turn. */
    private List<String> inTurn(List<String> started) {
        int next = started.indexOf(lastTurn) + 1;
        List<String> turns = new ArrayList<>(started.subList(next, started.size()));
        turns.addAll(started.subList(0, next));
        return turns;
    }
}
