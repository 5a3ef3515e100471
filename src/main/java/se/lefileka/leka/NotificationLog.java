package se.lefileka.leka;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Header;
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

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration lostAfter;

    /** @param lostAfter how long a delivery may show no sign of life before a new offer delivers again */
    public NotificationLog(DataSource dataSource, Clock clock, Duration lostAfter) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.lostAfter = lostAfter;
    }

    /** Records a notification FK offers, and says what to do with it. */
    public Offer offered(Notification notification) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT state, updated_at FROM leka_notification WHERE id = ?")) {
                find.setString(1, notification.notificationId());
                try (ResultSet row = find.executeQuery()) {
                    if (row.next()) {
                        return again(connection, notification.notificationId(), State.valueOf(row.getString(1)),
                                row.getObject(2, OffsetDateTime.class));
                    }
                }
            }
            update(connection, "INSERT INTO leka_notification (id, benefit, event, state, received_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", notification.notificationId(), notification.benefit(),
                    notification.event(), State.RECEIVED.name(), now(), now());
            return Offer.DELIVER;
        }
    }

    private Offer again(Connection connection, String id, State state, OffsetDateTime updated) throws SQLException {
        if (state != State.RECEIVED) {
            return Offer.ACKNOWLEDGE;
        }
        if (updated.toInstant().plus(lostAfter).isAfter(clock.instant())) {
            return Offer.IN_HAND;
        }
        update(connection, "UPDATE leka_notification SET updated_at = ? WHERE id = ?", now(), id);
        return Offer.DELIVER;
    }

    /** Whether the notification is still to be delivered (not delivered everywhere, nor dead-lettered). */
    public boolean isPending(@Header(Headers.NOTIFICATION_ID) String id) throws SQLException {
        return state(id) == State.RECEIVED;
    }

    public State state(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement("SELECT state FROM leka_notification WHERE id = ?")) {
            find.setString(1, id);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? State.valueOf(row.getString(1)) : null;
            }
        }
    }

    /** Counts a delivery round that left an endpoint without the notification; returns the rounds so far. */
    public int attemptFailed(String id, String reason) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, "UPDATE leka_notification SET attempts = attempts + 1, reason = ?, updated_at = ? "
                    + "WHERE id = ?", truncate(reason), now(), id);
            try (PreparedStatement find = connection.prepareStatement(
                    "SELECT attempts FROM leka_notification WHERE id = ?")) {
                find.setString(1, id);
                try (ResultSet row = find.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        }
    }

    public void delivered(@Header(Headers.NOTIFICATION_ID) String id) throws SQLException {
        move(id, State.DELIVERED);
    }

    public void deadLettered(@Header(Headers.NOTIFICATION_ID) String id) throws SQLException {
        move(id, State.DEAD_LETTERED);
    }

    /** Marks the notifications FK took the acknowledgement of. */
    public void acknowledged(List<String> ids) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String id : ids) {
                update(connection, "UPDATE leka_notification SET state = ?, updated_at = ? WHERE id = ? AND state <> ?",
                        State.ACKNOWLEDGED.name(), now(), id, State.RECEIVED.name());
            }
        }
    }

    /** How many notifications are in the state (for tests and metrics). */
    public int count(State state) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM leka_notification WHERE state = ?")) {
            count.setString(1, state.name());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private void move(String id, State state) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, "UPDATE leka_notification SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                    state.name(), now(), id, State.RECEIVED.name());
        }
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private OffsetDateTime now() {
        return AnswerTime.now(clock);
    }
}
