package se.lefileka.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import se.lefileka.budget.FkBudget;
import se.lefileka.budget.FkCallMetrics;
import se.lefileka.budget.StrayFkCalls;
import se.lefileka.fk.FkAddresses;
import se.lefileka.fk.FkHeaderFilterStrategy;
import se.lefileka.lane.LaneCalls;
import se.lefileka.lane.LaneRetry;
import se.lefileka.mass.MassPace;

/**
 * What the lanes ({@code routes/fk-lanes.camel.yaml}) use beside their budgets
 * ({@link BudgetConfiguration}): which calls each makes, what becomes of a call that failed, the
 * calls' metrics, and the guard for calls to FK outside the lanes. Each bean is made when a route
 * first needs it.
 */
public class LaneConfiguration implements CamelConfiguration {

    /** Every HTTP endpoint's guard but the lanes' own: a call to FK outside the lanes waits for both budgets. */
    @BindToRegistry(lazy = true)
    public StrayFkCalls strayFkCalls(CamelContext context, @BeanInject("onlineBudget") FkBudget online,
                                     @BeanInject("massBudget") FkBudget mass) {
        return new StrayFkCalls(FkAddresses.of(context), online, mass);
    }

    @BindToRegistry(lazy = true)
    public LaneCalls laneCalls(CamelContext context) {
        return new LaneCalls(context);
    }

    @BindToRegistry(lazy = true)
    public LaneRetry laneRetry(Clock clock, FkCallMetrics metrics,
                               @PropertyInject("lane.retry.max-millis") long maxMillis,
                               @PropertyInject("lane.retry.first-backoff-millis") long firstBackOffMillis,
                               @PropertyInject("lane.retry.max-backoff-millis") long maxBackOffMillis,
                               @PropertyInject("lane.retry.unreadable-reads") int unreadableReads) {
        return new LaneRetry(clock, Duration.ofMillis(maxMillis), Duration.ofMillis(firstBackOffMillis),
                Duration.ofMillis(maxBackOffMillis), Set.of(MassPace.POLL), unreadableReads, metrics);
    }

    /** Every call's outcome, for health and metrics; the budgets' use against their limits. */
    @BindToRegistry(lazy = true)
    public FkCallMetrics fkCallMetrics(@BeanInject(BundleConfiguration.BUNDLE_METERS) MeterRegistry meters,
                                       Clock clock, @BeanInject("onlineBudget") FkBudget online,
                                       @BeanInject("massBudget") FkBudget mass,
                                       @PropertyInject("lefi.url") String lefiUrl, @PropertyInject("leka.url") String lekaUrl) {
        Map<String, String> urls = Map.of("lefi", lefiUrl, "leka", lekaUrl);
        return new FkCallMetrics(meters, clock, Map.of(online.name(), online.limits().perWindow(),
                mass.name(), mass.limits().perWindow()),
                Stream.of("lefi", "leka").filter(service -> urls.get(service).trim().startsWith("https:"))
                        .collect(Collectors.toSet()));
    }

    /** Which headers go to FK and come back from it. */
    @BindToRegistry(lazy = true)
    public FkHeaderFilterStrategy fkHeaders() {
        return new FkHeaderFilterStrategy();
    }
}
