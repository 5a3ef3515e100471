package se.lefileka.broker;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The bundle's queues by who may use them: the request queues producers send to, the response
 * queues answers go to by default, the queues consumers read besides (notifications, dead
 * letters), and the queues only the bundle uses (lanes, tally, delivery, the broker's own).
 */
public record BundleQueues(List<String> requests, List<String> responses, List<String> forConsumers,
                           List<String> bundleOnly) {

    public static BundleQueues from(UnaryOperator<String> settings) {
        return new BundleQueues(
                names(settings, "lefi.online.requests-queue", "lefi.mass.requests-queue",
                        "leka.subscriptions.requests-queue"),
                names(settings, "lefi.online.responses-queue", "lefi.mass.results-queue",
                        "leka.subscriptions.responses-queue"),
                names(settings, "leka.notifications.queue", "jms.dead-letter-queue"),
                Stream.concat(names(settings, "lane.online.queue", "lane.online.notifications-queue",
                        "lane.online.bulk-queue", "lane.mass.queue", "lane.mass.tally-queue",
                        "leka.notifications.delivery-queue", "leka.notifications.retry-queue").stream(),
                        Stream.of(EmbeddedBroker.DEAD_LETTERS, EmbeddedBroker.EXPIRED)).toList());
    }

    /** The queues a consumer reads: the responses, notifications and dead letters. */
    public List<String> results() {
        return Stream.concat(responses.stream(), forConsumers.stream()).toList();
    }

    /** The queues no answer may be sent to, whatever a request's reply destination says. */
    public List<String> notForReplies() {
        return Stream.of(requests, forConsumers, bundleOnly).flatMap(List::stream).toList();
    }

    private static List<String> names(UnaryOperator<String> settings, String... keys) {
        return Stream.of(keys).map(settings).toList();
    }
}
