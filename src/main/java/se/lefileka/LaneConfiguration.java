package se.lefileka;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import se.lefileka.calendar.Hours;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.calendar.ServiceWindows;
import se.lefileka.fk.FkAddresses;
import se.lefileka.fk.FkHeaderFilterStrategy;
import se.lefileka.cluster.Leadership;
import se.lefileka.lane.LaneGate;
import se.lefileka.lane.LanePace;
import se.lefileka.lane.LaneRetry;
import se.lefileka.lane.StrayFkCalls;
import se.lefileka.lane.WirePacing;
import se.lefileka.mass.MassPace;
import se.lefileka.operations.FkCalls;

/**
 * What the two lanes ({@code routes/fk-lanes.camel.yaml}) use: their gates (the online lane's
 * service windows, the mass lane's opening hours), the pacing in the HTTP client, the retry, and
 * the calls' bookkeeping. Each bean is made when a route first needs it.
 */
public class LaneConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public LaneGate onlineGate(Clock clock,
                               @PropertyInject("lefi.online.service-window.weekly") String weekly,
                               @PropertyInject("lefi.online.service-windows") String announced,
                               @PropertyInject("lane.gate.check-millis") long checkMillis,
                               @PropertyInject("lane.gate.margin-millis") long marginMillis,
                               @PropertyInject("lefi.online.service-window.hold") boolean hold) {
        return new LaneGate("Online", ServiceWindows.parse(weekly, announced), clock, checkMillis,
                Duration.ofMillis(marginMillis), hold);
    }

    @BindToRegistry(lazy = true)
    public LaneGate massGate(Clock clock, MassCalendar calendar,
                             @PropertyInject("lane.gate.check-millis") long checkMillis,
                             @PropertyInject("lane.gate.margin-millis") long marginMillis,
                             @PropertyInject("lefi.mass.gate.enabled") boolean enabled) {
        return new LaneGate("Mass", calendar, clock, checkMillis, Duration.ofMillis(marginMillis), enabled);
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

    @BindToRegistry(lazy = true)
    public WirePacing onlineWirePacing(@BeanInject("onlineGate") LaneGate gate, Leadership leadership,
                                       @PropertyInject("lane.online.per-second") int perSecond,
                                       @PropertyInject("lane.online.window-millis") long windowMillis,
                                       @PropertyInject("lane.online.threads") int threads,
                                       @PropertyInject("lane.online.gap-millis") long gapMillis) {
        return new WirePacing(perSecond, windowMillis, threads, gapMillis, () -> gate.isClosed() || !leadership.leads());
    }

    @BindToRegistry(lazy = true)
    public WirePacing massWirePacing(@BeanInject("massGate") LaneGate gate, Leadership leadership,
                                     @PropertyInject("lane.mass.per-second") int perSecond,
                                     @PropertyInject("lane.mass.window-millis") long windowMillis,
                                     @PropertyInject("lane.mass.threads") int threads,
                                     @PropertyInject("lane.mass.gap-millis") long gapMillis) {
        return new WirePacing(perSecond, windowMillis, threads, gapMillis, () -> gate.isClosed() || !leadership.leads());
    }

    /** Every HTTP endpoint's guard but the lanes' own: a call to FK outside the lanes waits for both budgets. */
    @BindToRegistry(lazy = true)
    public StrayFkCalls strayFkCalls(CamelContext context, @BeanInject("onlineWirePacing") WirePacing online,
                                     @BeanInject("massWirePacing") WirePacing mass) {
        return new StrayFkCalls(FkAddresses.of(context), online, mass);
    }

    /** The online lane's pace: every call is due when it is delivered. */
    @BindToRegistry(lazy = true)
    public LanePace everyCallDue() {
        return LanePace.EVERY_CALL_DUE;
    }

    @BindToRegistry(lazy = true)
    public LaneRetry laneRetry(Clock clock, @PropertyInject("lane.retry.max-millis") long maxMillis,
                               @PropertyInject("lane.retry.first-backoff-millis") long firstBackOffMillis,
                               @PropertyInject("lane.retry.max-backoff-millis") long maxBackOffMillis,
                               @PropertyInject("lane.retry.unreadable-reads") int unreadableReads) {
        return new LaneRetry(clock, Duration.ofMillis(maxMillis), Duration.ofMillis(firstBackOffMillis),
                Duration.ofMillis(maxBackOffMillis), Set.of(MassPace.POLL), unreadableReads);
    }

    /** Every call's outcome, for health and metrics; the budgets' use against their limits. */
    @BindToRegistry(lazy = true)
    public FkCalls fkCalls(@BeanInject(BundleConfiguration.METRICS_REGISTRY) MeterRegistry meters, Clock clock,
                           @PropertyInject("lane.online.per-second") int onlinePerSecond,
                           @PropertyInject("lane.mass.per-second") int massPerSecond,
                           @PropertyInject("lefi.url") String lefiUrl, @PropertyInject("leka.url") String lekaUrl) {
        Map<String, String> urls = Map.of("lefi", lefiUrl, "leka", lekaUrl);
        return new FkCalls(meters, clock, Map.of("online", onlinePerSecond, "mass", massPerSecond),
                Stream.of("lefi", "leka").filter(service -> urls.get(service).trim().startsWith("https:"))
                        .collect(Collectors.toSet()));
    }

    /** Which headers go to FK and come back from it. */
    @BindToRegistry(lazy = true)
    public FkHeaderFilterStrategy fkHeaders() {
        return new FkHeaderFilterStrategy();
    }
}
