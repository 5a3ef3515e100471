package se.lefileka.leka;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.lane.LaneRetry;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;
import se.lefileka.personnummer.Pseudonyms;

/**
 * Fetching notifications from LEKA: one fetch at a time on the online lane, another at once
 * while FK says more are waiting, and each fetched notification sorted by the
 * {@link NotificationLog}: new ones to be delivered, ones delivered before to be acknowledged again.
 */
public class NotificationFetches {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationFetches.class);

    private final AtomicBoolean fetching = new AtomicBoolean();
    private final NotificationLog log;
    private final Pseudonyms pseudonyms;
    private final MeterRegistry meters;

    public NotificationFetches(NotificationLog log, Pseudonyms pseudonyms, MeterRegistry meters) {
        this.log = log;
        this.pseudonyms = pseudonyms;
        this.meters = meters;
    }

    /** Whether a new fetch may go on the lane (none is on it). */
    public boolean start() {
        return fetching.compareAndSet(false, true);
    }

    /**
     * Sorts the fetched page: returns the notifications to deliver, and sets
     * {@link ExchangeProperties#ACKNOWLEDGE_AGAIN}, {@link ExchangeProperties#UNREADABLE_NOTIFICATIONS} (the ones
     * that cannot be read, to set aside once) and {@link ExchangeProperties#MORE_NOTIFICATIONS}. A fetch the lane
     * gave up on gives none.
     */
    public List<Notification> sort(Exchange exchange) throws SQLException {
        Message message = exchange.getMessage();
        List<Notification> toDeliver = new ArrayList<>();
        List<String> acknowledgeAgain = new ArrayList<>();
        exchange.setProperty(ExchangeProperties.ACKNOWLEDGE_AGAIN, acknowledgeAgain);
        String failure = message.getHeader(Headers.FAILURE, String.class);
        exchange.setProperty(ExchangeProperties.UNREADABLE_NOTIFICATIONS, List.of());
        if (failure != null) {
            LOG.warn("Fetching LEKA notifications failed: {}; the next fetch is on schedule", failure);
            exchange.setProperty(ExchangeProperties.MORE_NOTIFICATIONS, false);
            fetching.set(false);
            return toDeliver;
        }
        NotificationPage page = message.getBody(NotificationPage.class);
        meters.counter("leka.notifications.fetched").increment(page.notifications().size());
        for (Notification notification : page.notifications()) {
            switch (log.offered(notification)) {
                case DELIVER -> toDeliver.add(notification);
                case ACKNOWLEDGE -> acknowledgeAgain.add(notification.notificationId());
                case IN_HAND -> {
                    // its delivery is under way and acknowledges it when done
                }
            }
        }
        List<UnreadableNotification> setAside = new ArrayList<>();
        for (UnreadableNotification unreadable : page.unreadable()) {
            if (unreadable.notificationId() == null || log.setAside(unreadable.notificationId(), unreadable.reason())) {
                setAside.add(unreadable);
                LOG.warn("LEKA notification {} set aside on the dead-letter queue: {}",
                        unreadable.notificationId(), unreadable.reason());
            } else {
                acknowledgeAgain.add(unreadable.notificationId());
            }
        }
        exchange.setProperty(ExchangeProperties.UNREADABLE_NOTIFICATIONS, setAside);
        meters.counter("leka.notifications.unreadable").increment(setAside.size());
        boolean more = page.more() && !(page.notifications().isEmpty() && page.unreadable().isEmpty());
        exchange.setProperty(ExchangeProperties.MORE_NOTIFICATIONS, more);
        fetching.set(more);
        LOG.info("Fetched {} LEKA notifications: {} to deliver, {} delivered or set aside before, {} set aside now{}",
                page.notifications().size() + page.unreadable().size(), toDeliver.size(), acknowledgeAgain.size(),
                setAside.size(), more ? "; more waiting" : "");
        return toDeliver;
    }

    /**
     * Turns a notification that cannot be read into its dead-letter message: LEKA's text, and the
     * reason and its id (when it has one) as headers.
     */
    public void deadLetter(Exchange exchange) {
        UnreadableNotification unreadable = exchange.getMessage().getBody(UnreadableNotification.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Headers.DEAD_LETTER_REASON, unreadable.reason());
        message.setHeader(Headers.DEAD_LETTER_SOURCE, exchange.getFromRouteId());
        message.setHeader(Headers.NOTIFICATION_ID, unreadable.notificationId());
        message.setBody(unreadable.text());
    }

    /** Sets the headers a delivered notification travels with (no personal data). */
    public void describe(Exchange exchange) {
        Notification notification = exchange.getMessage().getBody(Notification.class);
        Message message = exchange.getMessage();
        message.setHeader(Headers.NOTIFICATION_ID, notification.notificationId());
        message.setHeader(Headers.BENEFIT, notification.benefit());
        message.setHeader(Headers.EVENT, notification.event());
        message.setHeader(Headers.PERSON_REF, pseudonyms.of(notification.personnummer()));
    }
}
