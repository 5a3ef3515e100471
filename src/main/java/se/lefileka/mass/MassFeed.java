package se.lefileka.mass;

import java.util.ArrayList;
import java.util.List;
import se.lefileka.broker.BrokerQueues;

/**
 * Batches take turns on the mass lane. A batch's new chunks wait in a queue of the batch's own
 * ({@code lane.mass.batch-queue-prefix} and the batch's id, a name the bundle made); the feed keeps
 * the lane holding no more than {@code lane.mass.fed-ahead} calls that are not scheduled for later
 * (waiting, or being taken), and fills it by moving the first chunk of each batch with chunks to
 * submit in turn, round robin in the order the batches started. A batch of 20 rows dropped after a
 * million-row one is submitted at the next turn, not after the million. The move is the broker's
 * own, in one transaction: a chunk is on one of the two queues whatever happens. A batch's queue
 * is removed once the batch is done.
 */
public class MassFeed {

    private final MassBatches batches;
    private final BrokerQueues broker;
    private final String laneQueue;
    private final String batchQueuePrefix;
    private final int fedAhead;
    private String lastTurn;

    public MassFeed(MassBatches batches, BrokerQueues broker, String laneQueue, String batchQueuePrefix,
                    int fedAhead) {
        if (batchQueuePrefix.isBlank()) {
            throw new IllegalArgumentException("lane.mass.batch-queue-prefix names the batches' queues; it is not set");
        }
        if (fedAhead < 1) {
            throw new IllegalArgumentException("lane.mass.fed-ahead is at least 1, not " + fedAhead);
        }
        this.batches = batches;
        this.broker = broker;
        this.laneQueue = laneQueue;
        this.batchQueuePrefix = batchQueuePrefix;
        this.fedAhead = fedAhead;
    }

    /** The queue where the batch's chunks wait for their turn. */
    public String batchQueue(String batchId) {
        return batchQueuePrefix + batchId;
    }

    /** Fills the lane up to its room, a chunk of each batch in turn; returns how many chunks it moved. */
    public synchronized int feed() {
        long room = fedAhead - broker.unscheduledCount(laneQueue);
        if (room <= 0) {
            return 0;
        }
        List<String> turns = inTurn(batches.batchesWithChunksQueued());
        int moved = 0;
        while (moved < room && !turns.isEmpty()) {
            for (String batchId : List.copyOf(turns)) {
                if (moved == room) {
                    break;
                }
                if (broker.moveFirst(batchQueue(batchId), laneQueue)) {
                    moved++;
                    lastTurn = batchId;
                } else {
                    // its chunks are on the lane already, or not yet committed by its reading
                    turns.remove(batchId);
                }
            }
        }
        return moved;
    }

    /** The batch is done: its queue, empty, is removed. */
    public void done(String batchId) {
        broker.removeEmptyQueue(batchQueue(batchId));
    }

    /** The batches, starting with the one after the batch that had the last turn. */
    private List<String> inTurn(List<String> started) {
        int next = started.indexOf(lastTurn) + 1;
        List<String> turns = new ArrayList<>(started.subList(next, started.size()));
        turns.addAll(started.subList(0, next));
        return turns;
    }
}
