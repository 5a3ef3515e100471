package se.lefileka.lane;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.fk.FkClosedException;
import se.lefileka.fk.FkUnavailableException;
import se.lefileka.message.Headers;

/**
 * When a call FK could not take is made again. The lane puts the call back on its persistent
 * queue, to be delivered after an exponential back-off or FK's Retry-After, whichever is later,
 * until the call has failed for longer than the retry time; then the lane answers it as failed.
 */
public class LaneRetry {

    /** Artemis' scheduled delivery time (epoch millis). */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private static final Logger LOG = LoggerFactory.getLogger(LaneRetry.class);

    private final Clock clock;
    private final Duration retryFor;
    private final Duration firstBackOff;
    private final Duration maxBackOff;

    private final Set<String> reads;
    private final int readsAgain;

    /**
     * @param reads the calls that only read at FK (a mass poll): one whose answer cannot be read
     *              is made again, at most {@code readsAgain} times
     */
    public LaneRetry(Clock clock, Duration retryFor, Duration firstBackOff, Duration maxBackOff, Set<String> reads,
                     int readsAgain) {
        this.reads = Set.copyOf(reads);
        this.readsAgain = readsAgain;
        this.clock = clock;
        this.retryFor = retryFor;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
    }

    /** Whether the call has failed for longer than the retry time (never while FK is closed). */
    public boolean exhausted(Exchange exchange) {
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof FkClosedException) {
            return false;
        }
        Long first = exchange.getMessage().getHeader(Headers.FIRST_FAILURE, Long.class);
        return first != null && clock.millis() - first >= retryFor.toMillis();
    }

    /** Marks the call as given up, with the reason. */
    public void giveUp(Exchange exchange) {
        String reason = "FK could not take the call for " + retryFor.toMinutes() + " minutes; last: " + cause(exchange);
        exchange.getMessage().setHeader(Headers.FAILURE, reason);
        LOG.warn("Giving up call {} after {} attempts: {}", exchange.getMessage().getHeader(Headers.CALL),
                exchange.getMessage().getHeader(Headers.ATTEMPTS), cause(exchange));
    }

    /**
     * Whether a call whose answer could not be read is made again: only a call that reads (FK's
     * state does not change by it), and only a few times; then its user is answered with the reason.
     * Sets the headers that deliver it again later.
     */
    public boolean readAgain(Exchange exchange) {
        Message message = exchange.getMessage();
        int unreadable = message.getHeader(Headers.UNREADABLE_ANSWERS, 0, Integer.class);
        if (!reads.contains(message.getHeader(Headers.CALL, String.class)) || unreadable >= readsAgain) {
            return false;
        }
        message.setHeader(Headers.UNREADABLE_ANSWERS, unreadable + 1);
        scheduleRetry(exchange);
        return true;
    }

    /**
     * Sets the headers that deliver the call again later. While FK is closed (a service window,
     * mass outside opening hours) the call waits as FK asks, or a back-off, and that time never
     * counts towards giving up.
     */
    public void scheduleRetry(Exchange exchange) {
        Message message = exchange.getMessage();
        int attempts = message.getHeader(Headers.ATTEMPTS, 0, Integer.class) + 1;
        long now = clock.millis();
        message.setHeader(Headers.ATTEMPTS, attempts);
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof FkClosedException) {
            message.removeHeader(Headers.FIRST_FAILURE);
        } else if (message.getHeader(Headers.FIRST_FAILURE) == null) {
            message.setHeader(Headers.FIRST_FAILURE, now);
        }
        long delay = delayMillis(attempts, retryAfterSeconds(exchange));
        // the broker schedules by its own (wall) clock, not the bundle's
        message.setHeader(SCHEDULED_DELIVERY, System.currentTimeMillis() + delay);
        LOG.info("Call {} not taken ({}); attempt {} again in {} ms", message.getHeader(Headers.CALL), cause(exchange),
                attempts + 1, delay);
    }

    long delayMillis(int attempts, Integer retryAfterSeconds) {
        long backOff = Math.min(maxBackOff.toMillis(), firstBackOff.toMillis() << Math.min(attempts - 1, 20));
        long asked = retryAfterSeconds == null ? 0 : retryAfterSeconds * 1000L;
        return Math.max(backOff, asked);
    }

    private static Integer retryAfterSeconds(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return cause instanceof FkUnavailableException unavailable ? unavailable.retryAfterSeconds() : null;
    }

    private static String cause(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
