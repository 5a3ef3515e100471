package se.lefileka.budget;

import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import se.lefileka.message.ExchangeProperties;

/**
 * One of FK's budgets under the SLA (online and LEKA; mass): the one object that owns its rule.
 * It holds the budget's limits (calls per sliding window, threads, the gap after each response),
 * its gate (FK's hours or service windows), whether this node leads, and its pace (which calls
 * wait for their time), and answers one question, "may this call leave now?" ({@link #mayLeave}).
 * A call it holds back fails with {@link HeldBackException}, which says when to come back; the
 * lane has one path for it.
 * <p>
 * The question is asked twice, with the same answer path: when the lane takes the call from its
 * queue, and at the instant the call would leave, in the HTTP client after the waits for the
 * window and a thread ({@link WirePacing}, which the budget installs on every HTTP endpoint of its
 * calls, {@code httpClientConfigurer=#<budget>}). As the lane's route policy it suspends the lane
 * while the gate is closed. The lane's route names the budget; nothing else reads its settings.
 * <p>
 * Its calls take their turns by their class of work ({@link WorkClasses}: caseworkers before bulk
 * work, each class its minimum share); one budget per organisation is one more of these.
 */
public class FkBudget extends RoutePolicySupport implements HttpClientConfigurer {

    private final String name;
    private final BudgetLimits limits;
    private final LaneGate gate;
    private final BooleanSupplier leads;
    private final LanePace pace;
    private final WirePacing wire;
    private final WorkClasses classes;
    /** The call a lane thread is making, for the question asked again at the wire. */
    private final ThreadLocal<Exchange> callOnThread = new ThreadLocal<>();

    public FkBudget(String name, BudgetLimits limits, LaneGate gate, BooleanSupplier leads, LanePace pace) {
        this(name, limits, gate, leads, pace, WorkClasses.NONE);
    }

    /** A budget whose calls take their turns by their class of work (the lane's, exchange property {@link ExchangeProperties#WORK_CLASS}). */
    public FkBudget(String name, BudgetLimits limits, LaneGate gate, BooleanSupplier leads, LanePace pace,
                    WorkClasses classes) {
        this.name = name;
        this.limits = limits;
        this.gate = gate;
        this.leads = leads;
        this.pace = pace;
        this.classes = classes;
        this.wire = new WirePacing(limits.perWindow(), limits.windowMillis(), limits.threads(), limits.gapMillis(),
                this::mayLeaveNow, classes, this::workClassOnThread);
    }

    /** The class of work of the call this thread is making (null outside the lanes). */
    private String workClassOnThread() {
        Exchange call = callOnThread.get();
        return call == null ? null : call.getProperty(ExchangeProperties.WORK_CLASS, String.class);
    }

    /** The classes of work the budget serves, the highest priority first. */
    public WorkClasses classes() {
        return classes;
    }

    /**
     * May this call leave now? Returns when it may; else throws {@link HeldBackException} saying
     * when it comes back: the gate is closed, this node does not lead, or the call is not yet due.
     * The call is remembered on this thread, for the question asked again at the wire.
     */
    public void mayLeave(Exchange exchange) {
        callOnThread.set(exchange);
        exchange.setProperty(ExchangeProperties.BUDGET, name);
        ask(exchange);
    }

    private void ask(Exchange exchange) {
        if (gate.isClosed()) {
            throw new HeldBackException("the " + name + " budget's gate is closed", gate.reopensEarliest());
        }
        if (!leads.getAsBoolean()) {
            throw new HeldBackException("this node does not lead", gate.reopensEarliest());
        }
        long due = pace.notDueUntil(exchange);
        if (due > 0) {
            throw new HeldBackException("the call is not yet due", due);
        }
    }

    /** The question again, at the wire, for the call this thread is making (a call outside the lanes has none). */
    private void mayLeaveNow() {
        Exchange call = callOnThread.get();
        callOnThread.remove();
        if (call != null) {
            ask(call);
        } else if (gate.isClosed() || !leads.getAsBoolean()) {
            throw new HeldBackException("the " + name + " budget does not take calls now", gate.reopensEarliest());
        }
    }

    /** The budget's name (online, mass), in metrics and health. */
    public String name() {
        return name;
    }

    /** How many of the budget's calls may be under way at once: the lane's consumers. */
    public int threads() {
        return limits.threads();
    }

    public BudgetLimits limits() {
        return limits;
    }

    public LaneGate gate() {
        return gate;
    }

    /** The wire guard, for a call outside the lanes that must keep this budget too ({@link StrayFkCalls}). */
    WirePacing wire() {
        return wire;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        wire.configureHttpClient(builder);
    }

    @Override
    public void onInit(Route route) {
        gate.onInit(route);
    }

    @Override
    public void onStart(Route route) {
        gate.onStart(route);
    }

    @Override
    public void onStop(Route route) {
        gate.onStop(route);
    }
}
