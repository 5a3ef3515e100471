package se.lefileka.operations;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import se.lefileka.budget.FkCallMetrics;
import se.lefileka.budget.LaneGate;
import se.lefileka.cluster.Leadership;
import se.lefileka.database.DatabaseProbe;
import se.lefileka.mass.MassProgress;
import se.lefileka.routing.RouteReload;

/**
 * The bundle's own health checks, beside Camel's (context, routes, consumers): the broker, the
 * database, FK per service (from the outcome of the lanes' real calls, never a probe call), each
 * lane's state, and the API versions' end of life. Served at {@code /observe/health} on
 * {@code bundle.http.host:bundle.http.port}.
 */
public final class BundleHealth {

    private BundleHealth() {
    }

    public static void register(CamelContext context, ConnectionFactory broker, DatabaseProbe database, FkCallMetrics calls,
                                Map<String, String> versions, Map<String, LaneGate> lanes, ApiVersions apiVersions,
                                Set<String> servedBySandbox, Leadership leadership) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(new Check("cluster", false, (builder, options) -> {
            builder.detail("leader", leadership.leads());
            builder.up().message(leadership.describe());
        }));
        registry.register(new Check("broker", true, (builder, options) -> {
            try (Connection connection = broker.createConnection()) {
                builder.up();
            } catch (Exception e) {
                builder.down().message("the JMS broker cannot be reached: " + e.getMessage());
            }
        }));
        registry.register(new Check("database", true, (builder, options) -> {
            DatabaseProbe.State state = database.state();
            if (state.up()) {
                builder.up().message("the database answers");
            } else {
                builder.down().message(state.message() + "; work that needs it waits and nothing is lost");
            }
        }));
        versions.forEach((service, version) -> registry.register(new Check("fk-" + service, false,
                (builder, options) -> fk(builder, service, version, calls.reach(service),
                        servedBySandbox.contains(service)))));
        lanes.forEach((lane, gate) -> registry.register(new Check("lane-" + lane, false, (builder, options) -> {
            Route route = context.getRoute(lane + "-lane");
            ServiceStatus status = route == null ? null : context.getRouteController().getRouteStatus(route.getId());
            builder.detail("gate", gate.describe());
            if (!leadership.leads()) {
                builder.up().message("standing by: the leader runs the lanes (" + leadership.describe() + ")");
            } else if (status == null || status.isStopped()) {
                builder.down().message("the " + lane + " lane is not running");
            } else if (gate.isOpen()) {
                builder.up().message("running; " + gate.describe());
            } else {
                builder.up().message("holding its calls: " + gate.describe());
            }
        })));
        registry.register(new Check("api-versions", false, (builder, options) -> {
            builder.details(apiVersions.details());
            var warnings = apiVersions.warnings();
            builder.detail("degraded", !warnings.isEmpty());
            if (apiVersions.pastEndOfLife()) {
                builder.down().message(String.join("; ", warnings));
            } else {
                builder.up().message(warnings.isEmpty() ? "no end of life ahead" : "degraded: " + String.join("; ", warnings));
            }
        }));
    }

    /**
     * The {@code mass-batches} check: degraded (UP, with {@code degraded=true}), naming each batch
     * that made no progress for the stuck time while the mass lane was open, with its counts.
     */
    public static void registerMassBatches(CamelContext context, MassProgress progress, DatabaseProbe database) {
        HealthCheckRegistry.get(context).register(new Check("mass-batches", false, (builder, options) -> {
            if (!database.state().up()) {
                // not asked while the database is away (the check would wait for it)
                builder.detail("degraded", true);
                builder.up().message("degraded: unknown while the database is away");
                return;
            }
            try {
                List<MassProgress.BatchProgress> stuck = progress.stuck();
                builder.detail("degraded", !stuck.isEmpty());
                if (stuck.isEmpty()) {
                    builder.up().message("every running batch is making progress, or waiting for the lane to open");
                } else {
                    stuck.forEach(batch -> builder.detail("stuck." + batch.id(), batch.counts()));
                    builder.up().message("degraded: no progress while the mass lane was open: " + stuck.stream()
                            .map(batch -> "batch " + batch.id() + " (" + batch.counts() + ")")
                            .collect(Collectors.joining("; ")));
                }
            } catch (Exception e) {
                builder.down().message("the mass batches cannot be read: " + e.getMessage());
            }
        }));
    }

    /**
     * The {@code <budget>-work} check: per class of work, the calls waiting and the oldest's age;
     * degraded (UP, with {@code degraded=true}) while a class's oldest call waited longer than the limit.
     */
    public static void registerWaitingWork(CamelContext context, WaitingWork work) {
        HealthCheckRegistry.get(context).register(new Check(work.budget() + "-work", false, (builder, options) -> {
            try {
                List<WaitingWork.Waiting> waiting = work.now();
                waiting.forEach(w -> builder.detail(w.workClass() + ".waiting", w.calls()));
                String late = work.late(waiting);
                builder.detail("degraded", !late.isEmpty());
                builder.up().message(late.isEmpty() ? waiting.stream().map(w -> w.workClass() + " " + w.calls())
                        .collect(Collectors.joining(", ")) + " waiting" : "degraded: waiting too long: " + late);
            } catch (Exception e) {
                builder.down().message("the waiting work cannot be read: " + e.getMessage());
            }
        }));
    }

    /**
     * The {@code routes} check: degraded (UP, with {@code degraded=true}) while a route change that
     * failed the check is in the routes' folder, naming its files and why; the routes as before run.
     */
    public static void registerRoutes(CamelContext context, RouteReload reload) {
        HealthCheckRegistry.get(context).register(new Check("routes", false, (builder, options) -> {
            RouteReload.Refusal refusal = reload == null ? null : reload.refusal();
            builder.detail("reload", reload != null);
            builder.detail("degraded", refusal != null);
            if (reload == null) {
                builder.up().message("as loaded at start; a change applies at the next start (bundle.routes.reload)");
            } else if (refusal == null) {
                builder.up().message("as in " + reload.folder().dir() + "; changes are checked and applied");
            } else {
                builder.detail("refused", String.join(",", refusal.files()));
                builder.up().message("degraded: the change to " + String.join(", ", refusal.files())
                        + " was refused: " + String.join("; ", refusal.problems()) + "; the routes as before run");
            }
        }));
    }

    private static void fk(HealthCheckResultBuilder builder, String service, String version, FkCallMetrics.Reach reach,
                           boolean sandbox) {
        builder.detail("version", version);
        builder.detail("sandbox", sandbox);
        String from = sandbox ? "sandbox: synthetic answers; " : "";
        if (reach == null) {
            builder.up().message(from + "no call yet");
            return;
        }
        builder.detail("since", reach.at().toString());
        String name = service.toUpperCase();
        switch (reach.state()) {
            case RETIRED -> builder.down().message(name + " " + version + " is retired by FK (" + reach.detail()
                    + "): its work waits; set " + service + ".api.version to a newer version");
            case REFUSED -> builder.down().message(name + " refuses the organisation: " + reach.detail());
            case UNREACHABLE -> builder.down().message(name + " cannot be reached: " + reach.detail());
            case ANSWERED -> builder.up().message(from + reach.detail());
        }
    }

    /**
     * The {@code organisations} check: each organisation's bundle besides the default's, whether it
     * runs, whether this node leads it, and its own checks; DOWN when one of them is, naming the
     * organisation and the check (in the message, as
     * {@code kommun-b: Started, leads, 12 checks UP; kommun-c: Started, stands by, 11 checks UP, DOWN: database}).
     */
    public static void registerOrganisations(CamelContext context, Supplier<Map<String, CamelContext>> organisations) {
        HealthCheckRegistry.get(context).register(new Check("organisations", false, (builder, options) -> {
            List<String> each = new ArrayList<>();
            boolean allUp = true;
            for (Map.Entry<String, CamelContext> organisation : organisations.get().entrySet()) {
                String summary = organisationSummary(organisation.getKey(), organisation.getValue());
                allUp &= !summary.contains("DOWN");
                each.add(summary);
            }
            String message = each.isEmpty() ? "no organisation besides the default one" : String.join("; ", each);
            if (allUp) {
                builder.up().message(message);
            } else {
                builder.down().message(message);
            }
        }));
    }

    private static String organisationSummary(String id, CamelContext organisation) {
        if (!organisation.isStarted()) {
            return id + ": " + organisation.getStatus() + ", DOWN";
        }
        Leadership leadership = organisation.getRegistry().lookupByNameAndType("leadership", Leadership.class);
        List<String> down = new ArrayList<>();
        int up = 0;
        for (HealthCheck.Result result : HealthCheckHelper.invoke(organisation)) {
            if (result.getState() == HealthCheck.State.DOWN) {
                down.add(result.getCheck().getId());
            } else {
                up++;
            }
        }
        String leads = leadership == null ? "?" : leadership.leads() ? "leads"
                : leadership.competes() ? "stands by" : "waits to compete";
        return id + ": " + organisation.getStatus() + ", " + leads
                + ", " + up + " checks UP" + (down.isEmpty() ? "" : ", DOWN: " + String.join(", ", down));
    }

    /** A check whose outcome a function decides. */
    private static final class Check extends AbstractHealthCheck {

        private final boolean liveness;
        private final BiConsumer<HealthCheckResultBuilder, Map<String, Object>> decide;

        Check(String id, boolean liveness, BiConsumer<HealthCheckResultBuilder, Map<String, Object>> decide) {
            super("bundle", id);
            this.liveness = liveness;
            this.decide = decide;
        }

        @Override
        public boolean isLiveness() {
            return liveness;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            decide.accept(builder, options);
        }
    }
}
