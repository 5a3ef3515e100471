package se.lefileka.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.calendar.OpeningSchedule;

/**
 * Opens and closes a lane by its service's {@link OpeningSchedule}: a route policy that decides
 * at the lane's start and then every check interval (so a bundle started at any hour, or a clock
 * that jumps, is right at once) whether FK takes the lane's calls now. Closed, the lane's consumer
 * is suspended: calls in flight finish, no new one starts, and the work waits on the broker. The
 * budget also asks {@link #isClosed()} at the instant each call leaves (after every wait), so no
 * call starts after closing.
 * <p>
 * The gate keeps a margin at each edge: it takes the service for open only while it is open both
 * a margin ago and a margin ahead, so a call never reaches FK just after closing, nor just before
 * opening, should FK's clock or the network differ from the bundle's by less than the margin.
 */
public class LaneGate extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(LaneGate.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final String lane;
    private final OpeningSchedule calendar;
    private final Clock clock;
    private final long checkMillis;
    private final boolean enabled;
    private final Duration margin;
    private volatile Boolean open;
    private volatile Instant nextChange;
    private ScheduledExecutorService checker;
    private ScheduledFuture<?> checks;
    /** The lanes of the gate's budget (a route each; the online budget has one for each class of work). */
    private final Set<Route> routes = new CopyOnWriteArraySet<>();

    public LaneGate(String lane, OpeningSchedule calendar, Clock clock, long checkMillis, Duration margin,
                    boolean enabled) {
        if (checkMillis <= 0 || margin.isNegative()) {
            throw new IllegalArgumentException("the " + lane + " gate needs a check interval above 0 and a margin of 0 "
                    + "or more, not " + checkMillis + " ms and " + margin.toMillis() + " ms");
        }
        this.lane = lane;
        this.margin = margin;
        this.calendar = calendar;
        this.clock = clock;
        this.checkMillis = checkMillis;
        this.enabled = enabled;
    }

    /** When FK takes the lane's calls, as the gate goes by (at every hour when the gate is off). */
    public OpeningSchedule hours() {
        return enabled ? calendar : OpeningSchedule.ALWAYS;
    }

    /** Whether FK takes none of the lane's calls now. */
    public boolean isClosed() {
        return enabled && !openAt(clock.instant());
    }

    /** Whether the service is open at the instant, and a margin before and after it. */
    private boolean openAt(Instant now) {
        return calendar.isOpen(now.minus(margin)) && calendar.isOpen(now) && calendar.isOpen(now.plus(margin));
    }

    /** When a call that came while closed is looked at again: after a check interval (epoch millis, the broker's wall clock). */
    public long reopensEarliest() {
        return System.currentTimeMillis() + checkMillis;
    }

    /** Whether the gate is open now, as last decided (for health and metrics). */
    public boolean isOpen() {
        return !Boolean.FALSE.equals(open);
    }

    /** When the gate next opens or closes, as last decided; null when the gate is off. */
    public Instant nextChange() {
        return nextChange;
    }

    /** The gate's state in words, for health: what the schedule says now, and when that changes. */
    public String describe() {
        if (!enabled) {
            return "gate off: calls at any hour";
        }
        Instant now = clock.instant();
        Instant next = calendar.nextChange(now);
        return calendar.describe(now) + (next.equals(Instant.MAX) ? ""
                : "; " + (calendar.isOpen(now) ? "closes " : "opens ") + WHEN.format(next.atZone(MassCalendar.STOCKHOLM)));
    }

    @Override
    public synchronized void onStart(Route route) {
        if (!enabled) {
            LOG.info("{} gate off: calls at any hour", lane);
            return;
        }
        routes.add(route);
        if (checks == null) {
            decide();
            checker = route.getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, lane + "-gate");
            checks = checker.scheduleWithFixedDelay(this::decide, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        } else if (Boolean.FALSE.equals(open)) {
            // a lane of the budget that starts while the gate is closed waits with the others
            hold(route, true);
        }
    }

    @Override
    public synchronized void onStop(Route route) {
        routes.remove(route);
        if (routes.isEmpty() && checks != null) {
            checks.cancel(false);
            route.getCamelContext().getExecutorServiceManager().shutdown(checker);
            checks = null;
            open = null;
        }
    }

    /** Opens or closes every lane of the gate's budget when the service opens or closes. */
    private synchronized void decide() {
        Instant now = clock.instant();
        boolean openNow = openAt(now);
        if (open == null || open != openNow) {
            boolean starting = open == null;
            open = openNow;
            nextChange = calendar.nextChange(now);
            LOG.info("{} gate: {}{}", lane, calendar.describe(now),
                    nextChange.equals(Instant.MAX) ? "" : "; " + (openNow ? "closes " : "opens ")
                            + WHEN.format(nextChange.atZone(MassCalendar.STOCKHOLM)));
            if (openNow && starting) {
                return;
            }
            for (Route route : routes) {
                hold(route, !openNow);
            }
        }
    }

    private void hold(Route route, boolean closed) {
        try {
            if (closed) {
                suspendOrStopConsumer(route.getConsumer());
            } else {
                resumeOrStartConsumer(route.getConsumer());
            }
        } catch (Exception e) {
            LOG.warn("{} gate could not {} lane {}: {}", lane, closed ? "suspend" : "resume", route.getRouteId(),
                    e.getMessage());
            open = null;
        }
    }
}
