package se.lefileka.lane;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * The lane messages handled to their end (the lanes' idempotent consumer): Camel's JDBC idempotent
 * repository in the bundle's database, so that every node sees them. A redelivery comes within
 * minutes, so an id kept {@link #KEPT} is kept long enough; older ones are forgotten.
 */
public class AnsweredLaneCalls extends JdbcMessageIdRepository {

    public static final Duration KEPT = Duration.ofDays(7);

    private final Clock clock;

    public AnsweredLaneCalls(DataSource dataSource, Clock clock) {
        super(dataSource, "lane-calls");
        setCreateTableIfNotExists(false);
        this.clock = clock;
    }

    /** Forgets the ids older than {@link #KEPT}; returns how many. */
    public int forgetOld() {
        return getJdbcTemplate().update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND createdAt < ?",
                getProcessorName(), Timestamp.from(clock.instant().minus(KEPT)));
    }
}
