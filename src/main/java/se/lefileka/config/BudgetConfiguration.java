package se.lefileka.config;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import se.lefileka.budget.BudgetLimits;
import se.lefileka.budget.FkBudget;
import se.lefileka.budget.LaneGate;
import se.lefileka.budget.LanePace;
import se.lefileka.budget.WorkClasses;
import se.lefileka.calendar.Hours;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.calendar.ServiceWindows;
import se.lefileka.cluster.Leadership;
import se.lefileka.mass.MassPace;

/**
 * FK's two budgets under the SLA, each one {@link FkBudget} the lanes ({@code routes/fk-lanes.camel.yaml})
 * and the FK calls ({@code routes/fk-calls.camel.yaml}) name: the online budget (LEFI online
 * queries and every LEKA call; its gate the service windows) and the mass budget (LEFI mass
 * submissions and polls; its gate FK's opening hours; its pace {@code massPace}). This is the one
 * class that reads the budgets' settings ({@code lane.online.*}, {@code lane.mass.*}); everything
 * else asks the budget.
 */
public class BudgetConfiguration implements CamelConfiguration {

    /** The limits an organisation may agree below the SLA's (config/organisations/<id>.properties), never above. */
    public static final List<String> AGREED_LIMITS = List.of(
            "lane.online.per-second", "lane.online.threads", "lane.mass.per-second", "lane.mass.threads");

    @BindToRegistry(lazy = true)
    public BudgetLimits onlineBudgetLimits(@PropertyInject("lane.online.per-second") int perSecond,
                                           @PropertyInject("lane.online.window-millis") long windowMillis,
                                           @PropertyInject("lane.online.threads") int threads,
                                           @PropertyInject("lane.online.gap-millis") long gapMillis) {
        return new BudgetLimits(perSecond, windowMillis, threads, gapMillis);
    }

    @BindToRegistry(lazy = true)
    public BudgetLimits massBudgetLimits(@PropertyInject("lane.mass.per-second") int perSecond,
                                         @PropertyInject("lane.mass.window-millis") long windowMillis,
                                         @PropertyInject("lane.mass.threads") int threads,
                                         @PropertyInject("lane.mass.gap-millis") long gapMillis) {
        return new BudgetLimits(perSecond, windowMillis, threads, gapMillis);
    }

    /**
     * The online budget's classes of work, the highest priority first (lane.online.classes), each
     * with its minimum share of the calls while it has work (lane.online.&lt;class&gt;.min-share, 0 when unset).
     */
    @BindToRegistry(lazy = true)
    public WorkClasses onlineWorkClasses(CamelContext context, @PropertyInject("lane.online.classes") String names) {
        Map<String, Double> classes = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                classes.put(name.trim(), context.getPropertiesComponent()
                        .resolveProperty("lane.online." + name.trim() + ".min-share").map(Double::parseDouble).orElse(0.0));
            }
        }
        return new WorkClasses(classes);
    }

    /** LEFI online queries and every LEKA call: every call due when delivered; closed in FK's service windows. */
    @BindToRegistry(lazy = true)
    public FkBudget onlineBudget(@BeanInject("onlineBudgetLimits") BudgetLimits limits, Clock clock,
                                 Leadership leadership, @BeanInject("onlineWorkClasses") WorkClasses classes,
                                 @PropertyInject("lefi.online.service-window.weekly") String weekly,
                                 @PropertyInject("lefi.online.service-windows") String announced,
                                 @PropertyInject("lane.gate.check-millis") long checkMillis,
                                 @PropertyInject("lane.gate.margin-millis") long marginMillis,
                                 @PropertyInject("lefi.online.service-window.hold") boolean hold) {
        LaneGate gate = new LaneGate("Online", ServiceWindows.parse(weekly, announced), clock, checkMillis,
                Duration.ofMillis(marginMillis), hold);
        return new FkBudget("online", limits, gate, leadership::leads, LanePace.EVERY_CALL_DUE, classes);
    }

    /** LEFI mass submissions and polls: polls paced by {@code massPace}; open in FK's opening hours. */
    @BindToRegistry(lazy = true)
    public FkBudget massBudget(@BeanInject("massBudgetLimits") BudgetLimits limits, Clock clock, Leadership leadership,
                               MassCalendar calendar, MassPace pace,
                               @PropertyInject("lane.gate.check-millis") long checkMillis,
                               @PropertyInject("lane.gate.margin-millis") long marginMillis,
                               @PropertyInject("lefi.mass.gate.enabled") boolean enabled) {
        LaneGate gate = new LaneGate("Mass", calendar, clock, checkMillis, Duration.ofMillis(marginMillis), enabled);
        return new FkBudget("mass", limits, gate, leadership::leads, pace);
    }

    /** FK's opening hours for mass calls (Europe/Stockholm, Swedish holidays and the extra closed dates). */
    @BindToRegistry(lazy = true)
    public MassCalendar massCalendar(@PropertyInject("lefi.mass.hours.weekday") String weekday,
                                     @PropertyInject("lefi.mass.hours.saturday") String saturday,
                                     @PropertyInject("lefi.mass.hours.sunday") String sunday,
                                     @PropertyInject("lefi.mass.hours.day-before-holiday") String dayBeforeHoliday,
                                     @PropertyInject("lefi.mass.closed-dates") String closedDates,
                                     @PropertyInject("lefi.mass.day-before-holiday.next-day") String nextDay) {
        Set<LocalDate> closed = new HashSet<>();
        for (String date : closedDates.split(",")) {
            if (!date.isBlank()) {
                closed.add(LocalDate.parse(date.trim()));
            }
        }
        return new MassCalendar(Hours.parse(weekday), Hours.parse(saturday), Hours.parse(sunday),
                Hours.parse(dayBeforeHoliday), closed,
                MassCalendar.DayBefore.valueOf(nextDay.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }
}
