package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.database.Database;
import se.lefileka.support.TestClock;

/** Batches take turns on the mass lane: the feed's order, and how full it keeps the lane. */
class MassFeedTest {

    private static final String LANE = "lane";

    /** A broker of plain queues of chunk names; the lane's are all unscheduled. */
    private static final class Queues implements BrokerQueues {
        final Map<String, Deque<String>> queues = new HashMap<>();

        Deque<String> queue(String name) {
            return queues.computeIfAbsent(name, n -> new ArrayDeque<>());
        }

        @Override
        public long messageCount(String queue) {
            return queue(queue).size();
        }

        @Override
        public long unscheduledCount(String queue) {
            return queue(queue).size();
        }

        @Override
        public boolean moveFirst(String queue, String toQueue) {
            String first = queue(queue).poll();
            if (first != null) {
                queue(toQueue).add(first);
            }
            return first != null;
        }

        @Override
        public boolean removeEmptyQueue(String queue) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Long oldestMessageAgeMillis(String queue) {
            return null;
        }

        @Override
        public List<Map<String, Object>> messageProperties(String queue) {
            return List.of();
        }
    }

    private final Queues broker = new Queues();
    private final TestClock clock = TestClock.at("2026-12-07T09:00");
    private MassBatches batches;
    private MassFeed feed;

    @BeforeEach
    void database() {
        Database database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.migrate();
        batches = new MassBatches(database.dataSource(), clock);
        feed = new MassFeed(batches, broker, LANE, "batch.", 3);
    }

    @Test
    void aSmallBatchDroppedAfterALargeOneTakesTheNextTurnNotTheLastOne() throws Exception {
        String large = batch("large", 6);
        String small = batch("small", 1);

        assertThat(feed.feed()).isEqualTo(3);
        assertThat(lane()).containsExactly("large/1", "small/1", "large/2");

        broker.queue(LANE).clear();
        assertThat(feed.feed()).isEqualTo(3);
        assertThat(lane()).containsExactly("large/3", "large/4", "large/5");
        assertThat(broker.queue(feed.batchQueue(large))).containsExactly("large/6");
        assertThat(broker.queue(feed.batchQueue(small))).isEmpty();
    }

    @Test
    void threeBatchesTakeTurnsAcrossFeedsStartingAfterTheOneThatHadTheLastTurn() throws Exception {
        batch("first", 4);
        batch("second", 4);
        batch("third", 4);

        List<String> fed = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            feed.feed();
            fed.addAll(lane());
            broker.queue(LANE).clear();
        }

        assertThat(fed).containsExactly("first/1", "second/1", "third/1", "first/2", "second/2", "third/2",
                "first/3", "second/3", "third/3");
    }

    @Test
    void aFullLaneTakesNothingMoreAndABatchWithNothingWaitingIsPassedOver() throws Exception {
        String done = batch("on-the-lane", 1);
        broker.moveFirst(feed.batchQueue(done), LANE);
        broker.queue(LANE).add("poll");
        batch("waiting", 3);

        assertThat(feed.feed()).as("one place left on the lane").isEqualTo(1);
        assertThat(feed.feed()).as("the lane is full").isZero();
        assertThat(lane()).containsExactly("on-the-lane/1", "poll", "waiting/1");
    }

    /** A batch whose chunks are queued in its own queue, as the mass-read route leaves them. */
    private String batch(String name, int chunks) throws Exception {
        clock.set(clock.instant().plusSeconds(1));
        MassBatch batch = batches.create(name, name + ".csv", "file", name, null, null);
        for (int number = 1; number <= chunks; number++) {
            MassChunk chunk = new MassChunk(batch.id(), number, UUID.randomUUID().toString(), "HANDLAGGNING", null,
                    List.of());
            batches.chunkMade(chunk, false);
            batches.chunkQueued(chunk);
            broker.queue(feed.batchQueue(batch.id())).add(name + "/" + number);
        }
        return batch.id();
    }

    private List<String> lane() {
        return List.copyOf(broker.queue(LANE));
    }
}
