package se.lefileka.budget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.net.SocketException;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.fk.FkRefusedException;
import se.lefileka.fk.FkRetiredException;
import se.lefileka.fk.UnreadableAnswerException;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

/**
 * What the lanes' real calls tell about FK, without a call of its own (every call counts in the
 * SLA's budgets): whether each service (LEFI, LEKA) answered last time, or could not be reached,
 * or retired the API version; calls per budget and outcome; and how much of each budget is used.
 */
public class FkCallMetrics {

    /**
     * A TLS failure, or, on an https service, a connection FK closed: with TLS 1.3 a server that
     * refuses the client certificate is seen as a reset or broken connection, not a TLS alert.
     */
    private static boolean tlsFailure(Throwable cause, boolean https) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || (https && t instanceof SocketException)) {
                return true;
            }
        }
        return false;
    }

    /** What the last call to a service showed. */
    public record Reach(State state, String detail, Instant at) {
    }

    /** FK answered; could not be reached; refuses the organisation (401, 403); retired the version (410). */
    public enum State { ANSWERED, UNREACHABLE, REFUSED, RETIRED }

    private static final Logger LOG = LoggerFactory.getLogger(FkCallMetrics.class);
    private static final long USE_WINDOW_MILLIS = 60_000;

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Integer> perSecond;
    private final Set<String> secure;
    private final Map<String, Reach> services = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<Long>> recent = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Long> faults = new ConcurrentLinkedDeque<>();
    private final Map<String, Long> lastCall = new ConcurrentHashMap<>();

    /**
     * @param perSecond each budget's limit ({@code online}, {@code mass})
     * @param secure the services called over https
     */
    public FkCallMetrics(MeterRegistry meters, Clock clock, Map<String, Integer> perSecond, Set<String> secure) {
        this.secure = Set.copyOf(secure);
        this.meters = meters;
        this.clock = clock;
        this.perSecond = Map.copyOf(perSecond);
        perSecond.forEach((budget, limit) -> {
            recent.put(budget, new ConcurrentLinkedDeque<>());
            Gauge.builder("fk.budget.limit.per.second", () -> limit).tag("budget", budget)
                    .description("calls a second the SLA allows").register(meters);
            Gauge.builder("fk.budget.calls.per.second", () -> callsPerSecond(budget)).tag("budget", budget)
                    .description("calls a second over the last minute").register(meters);
            Gauge.builder("fk.budget.use.ratio", () -> callsPerSecond(budget) / limit).tag("budget", budget)
                    .description("share of the budget used over the last minute").register(meters);
        });
    }

    /** After a call FK answered (any status). */
    public void answered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        record(exchange, status == null ? "unknown" : String.valueOf(status));
        services.put(service(exchange), new Reach(State.ANSWERED, "answered " + status, clock.instant()));
    }

    /** After a call that failed: FK answered a fault, retired the version, or could not be reached. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String service = service(exchange);
        String reason = cause == null ? "unknown" : cause.getMessage();
        record(exchange, status == null ? "unreachable" : String.valueOf(status));
        faults.add(clock.millis());
        if (cause instanceof FkRetiredException) {
            Reach before = services.put(service, new Reach(State.RETIRED, reason, clock.instant()));
            if (before == null || before.state() != State.RETIRED) {
                LOG.error("{}: {}. Its work waits until the API version is changed ({}.api.version)",
                        service.toUpperCase(), reason, service);
            }
        } else if (cause instanceof FkRefusedException) {
            Reach before = services.put(service, new Reach(State.REFUSED, reason
                    + " (check fk.tls.key-store and lefi.organisationsnummer)", clock.instant()));
            if (before == null || before.state() != State.REFUSED) {
                LOG.warn("{}: {}. Its work waits until this is put right", service.toUpperCase(), reason);
            }
        } else if (status == null) {
            String why = tlsFailure(cause, secure.contains(service))
                    ? "TLS with FK failed, or FK closed the connection during it (check fk.tls.key-store and "
                    + "fk.tls.trust-store): " + reason : reason;
            Reach before = services.put(service, new Reach(State.UNREACHABLE, why, clock.instant()));
            if (before == null || before.state() != State.UNREACHABLE) {
                LOG.warn("{} cannot be reached: {}. Its work waits and is tried again", service.toUpperCase(), why);
            }
        } else {
            services.put(service, new Reach(State.ANSWERED, reason, clock.instant()));
        }
    }

    /**
     * After a call FK answered with an answer that cannot be read: counted as FK's fault and
     * logged once; returns the reason the call's user is answered with (no part of the answer).
     */
    public String unreadable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String given = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        String type = given == null || given.length() <= 100 ? given : given.substring(0, 100);
        String service = service(exchange);
        String reason = "FK answered " + status + (type == null ? "" : " (" + type + ")")
                + " but its answer cannot be read: " + UnreadableAnswerException.describe(cause)
                + "; FK is not asked again";
        record(exchange, "unreadable");
        faults.add(clock.millis());
        services.put(service, new Reach(State.ANSWERED, reason, clock.instant()));
        LOG.warn("{} call {}: {}", service.toUpperCase(), exchange.getMessage().getHeader(Headers.CALL), reason);
        return reason;
    }

    /** What the last call to the service ({@code lefi}, {@code leka}) showed; null before the first. */
    public Reach reach(String service) {
        return services.get(service);
    }

    private void record(Exchange exchange, String outcome) {
        String budget = budget(exchange);
        Counter.builder("fk.calls").tag("budget", budget).tag("service", service(exchange)).tag("outcome", outcome)
                .description("calls to FK").register(meters).increment();
        ConcurrentLinkedDeque<Long> calls = recent.get(budget);
        if (calls != null) {
            calls.add(clock.millis());
            lastCall.put(budget, clock.millis());
        }
    }

    private double callsPerSecond(String budget) {
        return callsLastMinute(budget) / (USE_WINDOW_MILLIS / 1000.0);
    }

    /** The budget's calls in the last minute ({@code online}, {@code mass}). */
    public int callsLastMinute(String budget) {
        ConcurrentLinkedDeque<Long> calls = recent.get(budget);
        long since = clock.millis() - USE_WINDOW_MILLIS;
        while (!calls.isEmpty() && calls.peekFirst() < since) {
            calls.pollFirst();
        }
        return calls.size();
    }

    /** Milliseconds since the budget's last call (whatever FK answered); the longest a long holds when none was made. */
    public long millisSinceLastCall(String budget) {
        Long last = lastCall.get(budget);
        return last == null ? Long.MAX_VALUE : Math.max(0, clock.millis() - last);
    }

    /** The calls a second the SLA allows the budget. */
    public int limitPerSecond(String budget) {
        return perSecond.get(budget);
    }

    /** The calls that failed in the last hour (FK faults, refusals, FK unreachable). */
    public int faultsLastHour() {
        long since = clock.millis() - Duration.ofHours(1).toMillis();
        while (!faults.isEmpty() && faults.peekFirst() < since) {
            faults.pollFirst();
        }
        return faults.size();
    }

    /** The lane's call header names the call as {@code <service>-<call>}. */
    private static String service(Exchange exchange) {
        String call = exchange.getMessage().getHeader(Headers.CALL, "unknown", String.class);
        int dash = call.indexOf('-');
        return dash < 0 ? call : call.substring(0, dash);
    }

    /** The budget whose lane made the call, as the budget named it when it let the call leave. */
    private String budget(Exchange exchange) {
        String budget = exchange.getProperty(ExchangeProperties.BUDGET, "unknown", String.class);
        return perSecond.containsKey(budget) ? budget : "unknown";
    }
}
