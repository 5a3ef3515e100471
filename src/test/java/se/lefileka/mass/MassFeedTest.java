package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.database.Database;
import se.lefileka.support.TestClock;

/** Batches take turns on the mass lane: the feed's order, and how many chunks it keeps queued there. */
class MassFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = TestClock.at("2026-12-07T09:00");
    private MassBatches batches;
    private MassFeed feed;

    @BeforeEach
    void database() {
        Database database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.migrate();
        batches = new MassBatches(database.dataSource(), clock);
        feed = new MassFeed(JSON, batches, 3);
    }

    @Test
    void aSmallBatchDroppedAfterALargeOneTakesTheNextTurnNotTheLastOne() throws Exception {
        batch("large", 6);
        batch("small", 1);

        List<MassChunk> fed = feed.next();
        assertThat(names(fed)).containsExactly("large/1", "small/1", "large/2");
        assertThat(feed.next()).as("three queued on the lane: no room").isEmpty();

        submitted(fed);
        assertThat(names(feed.next())).as("the large one alone takes the whole room")
                .containsExactly("large/3", "large/4", "large/5");
    }

    @Test
    void threeBatchesTakeTurnsAcrossFeedsStartingAfterTheOneThatHadTheLastTurn() throws Exception {
        batch("first", 4);
        batch("second", 4);
        batch("third", 4);

        List<String> fed = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<MassChunk> next = feed.next();
            fed.addAll(names(next));
            submitted(next);
        }

        assertThat(fed).containsExactly("first/1", "second/1", "third/1", "first/2", "second/2", "third/2",
                "first/3", "second/3", "third/3");
    }

    @Test
    void aChunkMadeButNotYetKeptIsNotFedAndAChunkTakenIsNotTakenAgain() throws Exception {
        MassBatch batch = batches.create("reading", "reading.csv", "file", "reading", null, null);
        MassChunk made = chunk(batch, 1);
        batches.chunkMade(made);
        assertThat(feed.next()).as("its submission not kept yet").isEmpty();

        batches.keep(made, JSON.writeValueAsString(made));
        assertThat(names(feed.next())).containsExactly("reading/1");
        submitted(List.of(made));
        assertThat(feed.next()).isEmpty();
        assertThat(batches.keptRequest(batch.id(), 1)).as("kept until FK answered it").isNotNull();
    }

    /** A batch whose chunks are made and kept for their turn, as the mass-read route leaves them. */
    private void batch(String name, int chunks) throws Exception {
        clock.set(clock.instant().plusSeconds(1));
        MassBatch batch = batches.create(name, name + ".csv", "file", name, null, null);
        for (int number = 1; number <= chunks; number++) {
            MassChunk chunk = chunk(batch, number);
            batches.chunkMade(chunk);
            batches.keep(chunk, JSON.writeValueAsString(chunk));
        }
    }

    private static MassChunk chunk(MassBatch batch, int number) {
        return new MassChunk(batch.id(), number, batch.name() + "/" + number, "HANDLAGGNING", null, List.of());
    }

    /** FK opened a case for each: they are no longer queued on the lane. */
    private void submitted(List<MassChunk> chunks) throws Exception {
        for (MassChunk chunk : chunks) {
            batches.chunkSubmitted(chunk.withArendeId("case-" + chunk.fragaId()));
        }
    }

    private static List<String> names(List<MassChunk> chunks) {
        return chunks.stream().map(MassChunk::fragaId).toList();
    }
}
