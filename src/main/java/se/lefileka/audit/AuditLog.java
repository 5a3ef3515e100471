package se.lefileka.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.leka.NotificationLog;
import se.lefileka.leka.SubscriptionResult;
import se.lefileka.mass.MassChunk;
import se.lefileka.mass.MassAnswer;
import se.lefileka.message.Headers;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.QueryResult;

/**
 * Records every disclosure request in the append-only {@code audit_log} table: when, which
 * organisation, channel, request id (or notification id), purpose, API version, outcome, and the
 * person only by the pseudonym the intake gave it ({@link Pseudonyms}).
 */
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_log "
            + "(at, organisation, channel, reference, person, purpose, api_version, outcome, source, kind) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final String organisation;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Pseudonyms pseudonyms;
    private final AnswerSource source;

    public AuditLog(DataSource dataSource, String organisation, Clock clock, MeterRegistry meters,
                    Pseudonyms pseudonyms, AnswerSource source) {
        this.source = source;
        this.meters = meters;
        this.pseudonyms = pseudonyms;
        this.jdbc = new JdbcTemplate(dataSource);
        this.organisation = organisation;
        this.clock = clock;
    }

    /** Records the answer to an online query in the exchange's body. */
    public void onlineAnswer(Exchange exchange) throws SQLException {
        QueryResult result = exchange.getMessage().getBody(QueryResult.class);
        record("online", entry(exchange.getMessage(), channel(exchange), result.requestId(), result.apiVersion(),
                result.status().name()));
    }

    /** Records the answer to a LEKA subscription command in the exchange's body. */
    public void subscriptionAnswer(Exchange exchange) throws SQLException {
        SubscriptionResult result = exchange.getMessage().getBody(SubscriptionResult.class);
        record("subscription", entry(exchange.getMessage(), channel(exchange), result.requestId(),
                result.apiVersion(), result.status().name()));
    }

    /** Records a LEKA notification's delivery ({@code DELIVERED}) or dead-lettering ({@code DEAD_LETTERED}). */
    public void notification(Exchange exchange, String apiVersion, String outcome) throws SQLException {
        Message message = exchange.getMessage();
        record("notification", entry(message, "leka", message.getHeader(Headers.NOTIFICATION_ID, String.class),
                apiVersion, outcome));
    }

    /** Records the answers of a mass chunk: a row per person, referenced as <batch id>:<line>. */
    public void massAnswers(MassAnswer reply) throws SQLException {
        MassChunk chunk = reply.chunk();
        List<QueryResult> results = reply.results();
        List<String> channels = jdbc.queryForList("SELECT channel FROM mass_batch WHERE id = ?", String.class,
                chunk.batchId());
        String channel = channels.isEmpty() ? "unknown" : channels.get(0);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            MassChunk.Row row = chunk.rows().get(i);
            entries.add(new Entry(channel, chunk.batchId() + ":" + row.line(), pseudonyms.of(row.query().personnummer()),
                    chunk.purpose(), results.get(i).apiVersion(), results.get(i).status().name()));
        }
        jdbc.batchUpdate(INSERT, entries, entries.size(), (insert, entry) -> bind(insert, "mass", entry));
    }

    /** One row of the audit log. */
    private record Entry(String channel, String reference, String person, String purpose, String apiVersion,
                         String outcome) {
    }

    private static Entry entry(Message message, String channel, String reference, String apiVersion, String outcome) {
        return new Entry(channel, reference, message.getHeader(Headers.PERSON_REF, String.class),
                message.getHeader(Headers.PURPOSE, String.class), apiVersion, outcome);
    }

    /** How many disclosures of the kind ({@code online}, {@code mass}, {@code subscription}, {@code notification}) since the instant. */
    public long countSince(String kind, Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE kind = ? AND at >= ?", Long.class, kind,
                Timestamp.from(since));
    }

    /** How many rows of the kind with the outcome since the instant. */
    public long countSince(String kind, String outcome, Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE kind = ? AND outcome = ? AND at >= ?",
                Long.class, kind, outcome, Timestamp.from(since));
    }

    private static String channel(Exchange exchange) {
        return exchange.getMessage().getHeader(Headers.CHANNEL, "unknown", String.class);
    }

    private void record(String kind, Entry entry) {
        jdbc.update(INSERT, insert -> bind(insert, kind, entry));
    }

    /** Sets the insert's parameters to the entry, and counts the disclosure by kind and outcome. */
    private void bind(PreparedStatement insert, String kind, Entry entry) throws SQLException {
        insert.setTimestamp(1, Timestamp.from(clock.instant()));
        insert.setString(2, organisation);
        insert.setString(3, entry.channel());
        insert.setString(4, entry.reference() == null ? "-" : entry.reference());
        insert.setString(5, entry.person());
        insert.setString(6, entry.purpose());
        insert.setString(7, entry.apiVersion() == null ? "-" : entry.apiVersion());
        insert.setString(8, entry.outcome());
        insert.setString(9, source.name());
        insert.setString(10, kind);
        meters.counter("bundle.disclosures", "kind", kind, "outcome", entry.outcome()).increment();
    }
}
