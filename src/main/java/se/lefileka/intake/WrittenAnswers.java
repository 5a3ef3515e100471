package se.lefileka.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * The lane messages whose answer file is written (the reply route's idempotent consumer): Camel's
 * JDBC idempotent repository in the bundle's database, so that a lane message handled again after
 * a broker failover or on another node does not write its answer twice. A redelivery comes within
 * minutes; an id is kept {@link #KEPT}, then forgotten.
 */
public class WrittenAnswers extends JdbcMessageIdRepository {

    public static final Duration KEPT = Duration.ofDays(7);

    private final Clock clock;

    public WrittenAnswers(DataSource dataSource, Clock clock) {
        super(dataSource, "written-answers");
        setCreateTableIfNotExists(false);
        this.clock = clock;
    }

    /** Forgets the ids older than {@link #KEPT}; returns how many. */
    public int forgetOld() {
        return getJdbcTemplate().update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND createdAt < ?",
                getProcessorName(), Timestamp.from(clock.instant().minus(KEPT)));
    }
}
