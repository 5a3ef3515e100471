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
     * Sorts the fetched page: returns the notifications to deliver, and sets {@link #ExchangeProperties.ACKNOWLEDGE_AGAIN}
     * and {@link #ExchangeProperties.MORE_NOTIFICATIONS}. A fetch the lane gave up on gives none.
     */
    public List<Notification> sort(Exchange exchange) throws SQLException {
        Message message = exchange.getMessage();
        List<Notification> toDeliver = new ArrayList<>();
        List<String> acknowledgeAgain = new ArrayList<>();
        exchange.setProperty(ExchangeProperties.ACKNOWLEDGE_AGAIN, acknowledgeAgain);
        String failure = message.getHeader(Headers.FAILURE, String.class);
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
        boolean more = page.more() && !page.notifications().isEmpty();
        exchange.setProperty(ExchangeProperties.MORE_NOTIFICATIONS, more);
        fetching.set(more);
        LOG.info("Fetched {} LEKA notifications: {} to deliver, {} delivered before{}", page.notifications().size(),
                toDeliver.size(), acknowledgeAgain.size(), more ? "; more waiting" : "");
        return toDeliver;
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
