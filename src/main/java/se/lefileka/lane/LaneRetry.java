package se.lefileka.lane;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.budget.FkCallMetrics;
import se.lefileka.budget.HeldBackException;
import se.lefileka.fk.FkClosedException;
import se.lefileka.fk.FkUnavailableException;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

/**
 * What a lane does with a call that did not end in a readable answer ({@link #afterFailure}): the
 * one place that decides between putting it back on the lane, answering its user FAILED, and the
 * dead-letter queue. A call FK could not take is made again: the lane puts it back on its persistent
 * queue, to be delivered after an exponential back-off or FK's Retry-After, whichever is later,
 * until the call has failed for longer than the retry time; then the lane answers it as failed.
 */
public class LaneRetry {

    /** What the lane does next with a call (exchange property {@link ExchangeProperties#LANE_NEXT}). */
    public enum Next {
        /** back on the lane's queue, delivered again at {@link #SCHEDULED_DELIVERY} */
        PUT_BACK,
        /** to the dead-letter queue, with {@link Headers#DEAD_LETTER_REASON}; no call made again */
        DEAD_LETTER,
        /** to the answer's reader, FAILED with {@link Headers#FAILURE} */
        ANSWER
    }

    /** Artemis' scheduled delivery time (epoch millis). */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private static final Logger LOG = LoggerFactory.getLogger(LaneRetry.class);

    private final Clock clock;
    private final Duration retryFor;
    private final Duration firstBackOff;
    private final Duration maxBackOff;

    private final Set<String> reads;
    private final FkCallMetrics metrics;
    private final int readsAgain;

    /**
     * @param reads the calls that only read at FK (a mass poll): one whose answer cannot be read
     *              is made again, at most {@code readsAgain} times
     */
    public LaneRetry(Clock clock, Duration retryFor, Duration firstBackOff, Duration maxBackOff, Set<String> reads,
                     int readsAgain, FkCallMetrics metrics) {
        this.metrics = metrics;
        this.reads = Set.copyOf(reads);
        this.readsAgain = readsAgain;
        this.clock = clock;
        this.retryFor = retryFor;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
    }

    /**
     * Decides what becomes of a call that failed, and readies the lane's message for it: the request
     * as it came, the lane's own headers, and what the next step needs. A call the budget held back
     * goes back at the time it said; one that is not the lane's to the dead-letter queue; one whose
     * answer FK gave but cannot be read is answered FAILED (a read is made again a few times); one
     * FK could not take goes back after a back-off until the retry time is over, then is answered FAILED.
     * Notes each call that reached FK in the metrics, before the answer's headers are gone.
     */
    public void afterFailure(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HeldBackException heldBack = ObjectHelper.getException(HeldBackException.class, caught);
        NotALaneCallException notTheLanes = ObjectHelper.getException(NotALaneCallException.class, caught);
        boolean unavailable = ObjectHelper.getException(FkUnavailableException.class, caught) != null
                || ObjectHelper.getException(IOException.class, caught) != null;
        boolean fkAnswered = exchange.getProperty(ExchangeProperties.FK_ANSWERED, false, Boolean.class);
        if (heldBack == null && notTheLanes == null && !fkAnswered && !unavailable) {
            // no reason of the lane's (a broker that cannot take a message, a fault of the bundle's):
            // the lane's transaction rolls back, and the broker delivers the message again
            throw caught instanceof RuntimeException runtime ? runtime : new RuntimeCamelException(caught);
        }
        String unreadable = fkAnswered && ObjectHelper.getException(FkUnavailableException.class, caught) == null
                ? metrics.unreadable(exchange) : null;
        if (unreadable == null && unavailable && heldBack == null) {
            metrics.failed(exchange);
        }
        Message message = exchange.getMessage();
        message.setBody(exchange.getProperty(ExchangeProperties.LANE_REQUEST));
        message.removeHeaders("*", "Lefi*", "Fk*");
        Next next;
        if (heldBack != null) {
            message.setHeader(SCHEDULED_DELIVERY, heldBack.until());
            next = Next.PUT_BACK;
        } else if (notTheLanes != null) {
            message.setHeader(Headers.DEAD_LETTER_REASON, notTheLanes.getMessage());
            LOG.warn("A lane message asks for a call that is not the lane's; it goes to the dead-letter queue");
            next = Next.DEAD_LETTER;
        } else if (unreadable != null) {
            next = readAgain(exchange) ? Next.PUT_BACK : Next.ANSWER;
            if (next == Next.ANSWER) {
                message.setHeader(Headers.FAILURE, unreadable);
            }
        } else if (exhausted(exchange)) {
            giveUp(exchange);
            next = Next.ANSWER;
        } else {
            scheduleRetry(exchange);
            next = Next.PUT_BACK;
        }
        exchange.setProperty(ExchangeProperties.LANE_NEXT, next.name());
    }

    /** The call was made, but its answer could not be handed on: the request goes to the dead-letter queue. */
    public void answerUndelivered(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String what = cause == null ? "unknown" : cause.getClass().getSimpleName();
        LOG.error("Call {} was made, but its answer could not be delivered ({}); the request goes to the dead-letter "
                + "queue", exchange.getMessage().getHeader(Headers.CALL), what);
        Message message = exchange.getMessage();
        message.setBody(exchange.getProperty(ExchangeProperties.LANE_REQUEST));
        // the call, and which mass chunk it was for: the lane check puts a chunk back from here
        message.removeHeaders("*", Headers.CALL, Headers.BATCH_ID, Headers.CHUNK_NO);
        message.setHeader(Headers.DEAD_LETTER_REASON, "the call was made; its answer could not be delivered (" + what + ")");
        exchange.setProperty(ExchangeProperties.LANE_NEXT, Next.DEAD_LETTER.name());
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
