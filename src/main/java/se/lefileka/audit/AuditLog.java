package se.lefileka.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import se.lefileka.query.QueryResult;

/**
 * Records every disclosure request in the append-only {@code audit_log} table: when, which
 * organisation, channel, request id, purpose, API version, outcome, and the person only by
 * the pseudonym the intake gave it ({@link Pseudonyms}).
 */
public class AuditLog {

    private final DataSource dataSource;
    private final String organisation;
    private final Clock clock;

    public AuditLog(DataSource dataSource, String organisation, Clock clock) {
        this.dataSource = dataSource;
        this.organisation = organisation;
        this.clock = clock;
    }

    /** Records the answer to an online query in the exchange's body. */
    public void onlineAnswer(Exchange exchange) throws SQLException {
        QueryResult result = exchange.getMessage().getBody(QueryResult.class);
        Message message = exchange.getMessage();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log "
                     + "(at, organisation, channel, reference, person, purpose, api_version, outcome) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setString(2, organisation);
            insert.setString(3, message.getHeader("LefiChannel", "unknown", String.class));
            insert.setString(4, result.requestId() == null ? "-" : result.requestId());
            insert.setString(5, message.getHeader("LefiPersonRef", String.class));
            insert.setString(6, message.getHeader("LefiPurpose", String.class));
            insert.setString(7, result.apiVersion() == null ? "-" : result.apiVersion());
            insert.setString(8, result.status().name());
            insert.executeUpdate();
        }
    }
}
