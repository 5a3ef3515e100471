package se.lefileka.leka;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.message.Headers;
import se.lefileka.query.AnswerTime;

/**
 * The durable record of every notification the bundle took from LEKA ({@code leka_notification}):
 * being delivered, delivered everywhere, dead-lettered, or acknowledged. It is what tells a
 * notification FK offers again from a new one. It holds no personal data.
 */
public class NotificationLog {


    /** Where a notification is. */
    public enum State { RECEIVED, DELIVERED, DEAD_LETTERED, ACKNOWLEDGED }

    /** What to do with a notification FK offers. */
    public enum Offer {
        /** New (or its delivery was lost): deliver it. */
        DELIVER,
        /** Being delivered: leave it to the delivery under way. */
        IN_HAND,
        /** Delivered or dead-lettered before: acknowledge it again. */
        ACKNOWLEDGE
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lostAfter;

    /** @param lostAfter how long a delivery may show no sign of life before a new offer delivers again */
    public NotificationLog(DataSource dataSource, Clock clock, Duration lostAfter) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.lostAfter = lostAfter;
    }

    /** Records a notification FK offers, and says what to do with it. */
    public Offer offered(Notification notification) throws SQLException {
        String id = notification.notificationId();
        List<Seen> seen = jdbc.query("SELECT state, updated_at FROM leka_notification WHERE id = ?",
                (row, n) -> new Seen(State.valueOf(row.getString(1)), row.getObject(2, OffsetDateTime.class)), id);
        if (!seen.isEmpty()) {
            return again(id, seen.get(0));
        }
        jdbc.update("INSERT INTO leka_notification (id, benefit, event, state, received_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, notification.benefit(), notification.event(),
                State.RECEIVED.name(), now(), now());
        return Offer.DELIVER;
    }

    private record Seen(State state, OffsetDateTime updated) {
    }

    private Offer again(String id, Seen seen) {
        if (seen.state() != State.RECEIVED) {
            return Offer.ACKNOWLEDGE;
        }
        if (seen.updated().toInstant().plus(lostAfter).isAfter(clock.instant())) {
            return Offer.IN_HAND;
        }
        jdbc.update("UPDATE leka_notification SET updated_at = ? WHERE id = ?", now(), id);
        return Offer.DELIVER;
    }

    /**
     * Records a notification that cannot be read as dead-lettered, with the reason; returns false
     * when it was recorded before (set aside already: acknowledge it again, nothing more).
     */
    public boolean setAside(String id, String reason) throws SQLException {
        if (state(id) != null) {
            return false;
        }
        jdbc.update("INSERT INTO leka_notification (id, benefit, event, state, reason, received_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, "-", "-", State.DEAD_LETTERED.name(), truncate(reason), now(),
                now());
        return true;
    }

    /** Whether the notification is still to be delivered (not delivered everywhere, nor dead-lettered). */
    public boolean isPending(@Header(Headers.NOTIFICATION_ID) String id) throws SQLException {
        return state(id) == State.RECEIVED;
    }

    public State state(String id) throws SQLException {
        List<String> state = jdbc.queryForList("SELECT state FROM leka_notification WHERE id = ?", String.class, id);
        return state.isEmpty() ? null : State.valueOf(state.get(0));
    }

    /** Counts a delivery round that left an endpoint without the notification; returns the rounds so far. */
    public int attemptFailed(String id, String reason) throws SQLException {
        jdbc.update("UPDATE leka_notification SET attempts = attempts + 1, reason = ?, updated_at = ? WHERE id = ?",
                truncate(reason), now(), id);
        List<Integer> attempts = jdbc.queryForList("SELECT attempts FROM leka_notification WHERE id = ?",
                Integer.class, id);
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    public void delivered(@Header(Headers.NOTIFICATION_ID) String id) throws SQLException {
        move(id, State.DELIVERED);
    }

    public void deadLettered(@Header(Headers.NOTIFICATION_ID) String id) throws SQLException {
        move(id, State.DEAD_LETTERED);
    }

    /** Marks the notifications FK took the acknowledgement of. */
    public void acknowledged(List<String> ids) throws SQLException {
        jdbc.batchUpdate("UPDATE leka_notification SET state = ?, updated_at = ? WHERE id = ? AND state <> ?",
                ids.stream().map(id -> new Object[] {State.ACKNOWLEDGED.name(), now(), id, State.RECEIVED.name()})
                        .toList());
    }

    /** How many notifications are in the state (for tests and metrics). */
    public int count(State state) throws SQLException {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM leka_notification WHERE state = ?", Integer.class,
                state.name());
        return count == null ? 0 : count;
    }

    private void move(String id, State state) {
        jdbc.update("UPDATE leka_notification SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                state.name(), now(), id, State.RECEIVED.name());
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }

    private OffsetDateTime now() {
        return AnswerTime.now(clock);
    }
}
