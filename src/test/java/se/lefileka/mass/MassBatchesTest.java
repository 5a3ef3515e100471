package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import se.lefileka.database.Database;

class MassBatchesTest {

    @Test
    void aBatchTheTallyCompletedBeforeItsReadingWasRecordedStaysDone() throws Exception {
        Database database = new Database("jdbc:h2:mem:batches;DB_CLOSE_DELAY=-1", "sa", "");
        database.migrate();
        MassBatches batches = new MassBatches(database.dataSource(), Clock.systemUTC());
        MassBatch batch = batches.create("all-invalid", "all-invalid.csv", "file", "file:1:2", null, null);

        // every row rejected: the tally completes the batch as soon as it hears the input is read
        batches.done(batch.id());
        batches.read(batch.id(), 3, 3, 0);

        MassBatch found = batches.find(batch.id());
        assertThat(found.state()).isEqualTo(MassBatch.State.DONE);
        assertThat(found.rowsRead()).isEqualTo(3);
        assertThat(batches.running()).isEmpty();
    }
}
