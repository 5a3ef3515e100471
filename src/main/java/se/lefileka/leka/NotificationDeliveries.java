package se.lefileka.leka;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.lane.LaneRetry;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

/**
 * Delivers each notification to every endpoint of {@code leka.notifications.endpoints}, each once:
 * a durable record per notification and endpoint (Camel's idempotent repository) says which
 * endpoints took it, so a new round (after a failure, a crash or an offer of the same
 * notification) only goes to the endpoints that did not. A notification some endpoint keeps
 * refusing is tried again later, and after {@code maxAttempts} rounds it is dead-lettered.
 */
public class NotificationDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDeliveries.class);

    private final List<String> endpoints;
    private final IdempotentRepository delivered;
    private final NotificationLog log;
    private final int maxAttempts;
    private final Duration retryAfter;
    private final MeterRegistry meters;

    public NotificationDeliveries(String endpoints, IdempotentRepository delivered, NotificationLog log,
                                  int maxAttempts, Duration retryAfter, MeterRegistry meters) {
        this.meters = meters;
        this.endpoints = parse(endpoints);
        this.delivered = delivered;
        this.log = log;
        this.maxAttempts = maxAttempts;
        this.retryAfter = retryAfter;
    }

    static List<String> parse(String endpoints) {
        List<String> uris = new ArrayList<>();
        for (String uri : endpoints.split(",")) {
            if (!uri.isBlank()) {
                uris.add(uri.trim());
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("leka.notifications.endpoints names no endpoint");
        }
        return List.copyOf(uris);
    }

    /** The endpoint URIs, in the configured order. */
    public List<String> endpoints() {
        return endpoints;
    }

    /** Whether the split part's endpoint has yet to take the notification. */
    public boolean notYetDelivered(Exchange exchange) {
        return !delivered.contains(key(exchange, exchange.getProperty(ExchangeProperties.NOTIFICATION_ENDPOINT, String.class)));
    }

    /** Records that the split part's endpoint took the notification. */
    public void deliveredTo(Exchange exchange) {
        String endpoint = exchange.getProperty(ExchangeProperties.NOTIFICATION_ENDPOINT, String.class);
        delivered.add(key(exchange, endpoint));
        meters.counter("leka.notifications.delivered", "endpoint", label(endpoint)).increment();
    }

    /** The endpoint as a metric label: its URI without options (which may hold secrets). */
    private static String label(String endpoint) {
        int options = endpoint.indexOf('?');
        return URISupport.sanitizeUri(options < 0 ? endpoint : endpoint.substring(0, options));
    }

    public boolean deliveredEverywhere(Exchange exchange) {
        return missing(exchange).isEmpty();
    }

    /**
     * Counts a round that left endpoints without the notification. Past {@code maxAttempts}
     * rounds it is to be dead-lettered (header {@code LefiDeadLetterReason} says why); else it is
     * scheduled for another round.
     */
    public void roundFailed(Exchange exchange) throws Exception {
        String id = id(exchange);
        List<String> missing = missing(exchange).stream().map(URISupport::sanitizeUri).toList();
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = "not delivered to " + missing + (cause == null ? "" : ": " + cause.getMessage());
        int attempts = log.attemptFailed(id, reason);
        exchange.getMessage().setHeader(Headers.NOTIFICATION_ATTEMPTS, attempts);
        if (attempts >= maxAttempts) {
            LOG.warn("Notification {} {} after {} rounds: to the dead-letter queue", id, reason, attempts);
            exchange.getMessage().setHeader(Headers.DEAD_LETTER_REASON, reason + " (after " + attempts + " rounds)");
            exchange.setProperty(ExchangeProperties.NOTIFICATION_GIVE_UP, true);
            meters.counter("leka.notifications.dead.lettered").increment();
            return;
        }
        LOG.warn("Notification {} {} (round {} of {}); again in {} s", id, reason, attempts, maxAttempts,
                retryAfter.toSeconds());
        // the broker schedules by its own (wall) clock
        exchange.getMessage().setHeader(LaneRetry.SCHEDULED_DELIVERY, System.currentTimeMillis() + retryAfter.toMillis());
    }

    public boolean givenUp(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.NOTIFICATION_GIVE_UP, false, Boolean.class);
    }

    private List<String> missing(Exchange exchange) {
        return endpoints.stream().filter(uri -> !delivered.contains(key(exchange, uri))).toList();
    }

    private static String id(Exchange exchange) {
        return exchange.getMessage().getHeader(Headers.NOTIFICATION_ID, String.class);
    }

    /** The record's key: the notification id and a digest of the endpoint URI (which may be long). */
    private static String key(Exchange exchange, String endpoint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(endpoint.getBytes(StandardCharsets.UTF_8));
            return id(exchange) + "@" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
