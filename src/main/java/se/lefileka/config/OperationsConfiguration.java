package se.lefileka.config;

import static se.lefileka.config.BundleConfiguration.property;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.audit.AuditLog;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.cluster.Leadership;
import se.lefileka.database.DatabaseProbe;
import se.lefileka.budget.FkBudget;
import se.lefileka.budget.LaneGate;
import se.lefileka.budget.WorkClasses;
import se.lefileka.operations.WaitingWork;
import se.lefileka.leka.NotificationLog;
import se.lefileka.mass.MassProgress;
import se.lefileka.operations.ApiVersions;
import se.lefileka.operations.BundleHealth;
import se.lefileka.operations.Consoles;
import se.lefileka.organisations.OrganisationBundles;
import se.lefileka.operations.BundleMetrics;
import se.lefileka.operations.ConsoleStatus;
import se.lefileka.operations.DeadLetters;
import se.lefileka.budget.FkCallMetrics;
import se.lefileka.operations.Tracing;
import se.lefileka.operations.WaitingWorkLog;
import se.lefileka.routing.RouteChangeLog;
import se.lefileka.routing.RouteChanges;
import se.lefileka.routing.RouteReload;
import se.lefileka.sandbox.Sandbox;

/**
 * Health checks, metrics, tracing and the API versions' end of life: registered at start, on the
 * beans the other configurations declare. Runs after {@link BundleConfiguration}.
 */
public class OperationsConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        MeterRegistry meters = registry.lookupByNameAndType(BundleConfiguration.BUNDLE_METERS, MeterRegistry.class);

        FkCallMetrics calls = registry.lookupByNameAndType("fkCallMetrics", FkCallMetrics.class);

        String lefi = property(properties, "lefi.api.version");
        String leka = property(properties, "leka.api.version");
        ApiVersions versions = new ApiVersions(List.of(
                new ApiVersions.Version("lefi", lefi, endOfLife(properties, "lefi.api.end-of-life." + lefi)),
                new ApiVersions.Version("leka", leka, endOfLife(properties, "leka.api.end-of-life." + leka))),
                Integer.parseInt(property(properties, "bundle.api.end-of-life.warn-days")), clock);
        versions.logWarnings();

        DatabaseProbe database = new DatabaseProbe(registry.lookupByNameAndType("bundleDataSource", DataSource.class),
                Duration.ofSeconds(3), clock);
        context.addService(database, true, true);
        BundleHealth.register(context, registry.findSingleByType(ConnectionFactory.class), database, calls,
                Map.of("lefi", lefi, "leka", leka),
                gates(registry), versions,
                servedBySandbox(registry, properties), registry.lookupByNameAndType("leadership", Leadership.class));

        BrokerQueues broker = registry.findSingleByType(BrokerQueues.class);
        if (broker != null) {
            BundleMetrics.queueDepths(meters, broker, List.of(
                    property(properties, "lane.online.queue"), property(properties, "lane.online.notifications-queue"),
                    property(properties, "lane.online.bulk-queue"), property(properties, "lane.mass.queue"),
                    property(properties, "lane.mass.tally-queue"),
                    property(properties, "leka.notifications.delivery-queue"),
                    property(properties, "leka.notifications.retry-queue"),
                    property(properties, "jms.dead-letter-queue")));
        }
        List<WaitingWork> waitingWork = List.of();
        if (broker != null) {
            WaitingWork online = new WaitingWork("online", broker, onlineQueuesByClass(registry, properties),
                    Long.parseLong(property(properties, "lane.online.late-after-millis")));
            BundleMetrics.waitingWork(meters, online);
            BundleHealth.registerWaitingWork(context, online);
            waitingWork = List.of(online);
        }
        registry.bind("waitingWork", new WaitingWorkLog(waitingWork));
        if (Boolean.parseBoolean(property(properties, "bundle.tracing.enabled"))) {
            // a test's exporter, if it bound one; else the OTLP collector
            SpanExporter exporter = registry.findSingleByType(SpanExporter.class);
            registry.bind("tracer", Tracer.class, Tracing.tracer(exporter != null ? exporter
                    : Tracing.otlp(property(properties, "bundle.tracing.otlp-endpoint")), Duration.ofSeconds(1)));
            // Camel's OpenTelemetry tracer, on the tracer just bound
            new OpenTelemetryTracer().init(context);
        }
        MassProgress massProgress = registry.lookupByNameAndType("massProgress", MassProgress.class);
        BundleMetrics.massProgress(meters, massProgress);
        BundleHealth.registerMassBatches(context, massProgress, database);
        // the address the server is bound to (Camel's own list of endpoints says 0.0.0.0)
        LOG.info("Health at http://{}:{}/observe/health, metrics at /observe/metrics, the console at /console/",
                property(properties, "bundle.http.host"), property(properties, "bundle.http.port"));
        RouteReload reload = registry.lookupByNameAndType("routeReload", RouteReload.class);
        BundleHealth.registerRoutes(context, reload);
        OrganisationBundles organisations = registry.lookupByNameAndType("organisationBundles", OrganisationBundles.class);
        Supplier<Map<String, CamelContext>> organisationContexts = organisations == null ? Map::of : organisations::contexts;
        if (organisations != null) {
            BundleHealth.registerOrganisations(context, organisationContexts);
        }

        ConsoleStatus console = new ConsoleStatus(clock, calls,
                gates(registry),
                Map.of("online", property(properties, "lane.online.queue"),
                        "mass", property(properties, "lane.mass.queue")),
                registry.lookupByNameAndType("leadership", Leadership.class), broker,
                property(properties, "jms.dead-letter-queue"), new DeadLetters(registry.findSingleByType(
                        ConnectionFactory.class), property(properties, "jms.dead-letter-queue"), 20), massProgress,
                registry.lookupByNameAndType("notificationLog", NotificationLog.class), versions,
                Path.of(property(properties, "bundle.data.dir")),
                registry.lookupByNameAndType("bundleJson", ObjectMapper.class), meters,
                registry.lookupByNameAndType("auditLog", AuditLog.class),
                new RouteChanges(reload, registry.lookupByNameAndType("routeChangeLog", RouteChangeLog.class)),
                database, waitingWork);
        registry.bind("consoleStatus", console);
        registry.bind("consoles", new Consoles(console, organisationContexts));
    }

    /** The online budget's classes of work and their lane queues (interactive: lane.online.queue). */
    private static Map<String, String> onlineQueuesByClass(Registry registry, PropertiesComponent properties) {
        Map<String, String> queues = new java.util.LinkedHashMap<>();
        for (String workClass : registry.lookupByNameAndType("onlineWorkClasses", WorkClasses.class).names()) {
            queues.put(workClass, property(properties, "interactive".equals(workClass) ? "lane.online.queue"
                    : "lane.online." + workClass + "-queue"));
        }
        return queues;
    }

    /** Each budget's gate, by the budget's name. */
    private static Map<String, LaneGate> gates(Registry registry) {
        return Stream.of("onlineBudget", "massBudget").map(name -> registry.lookupByNameAndType(name, FkBudget.class))
                .collect(Collectors.toMap(FkBudget::name, FkBudget::gate));
    }

    /** The services whose URL is the embedded sandbox's. */
    private static Set<String> servedBySandbox(Registry registry, PropertiesComponent properties) {
        Sandbox sandbox = registry.lookupByNameAndType("sandbox", Sandbox.class);
        return sandbox == null ? Set.of() : Stream.of("lefi", "leka")
                .filter(service -> property(properties, service + ".url").equals(sandbox.url()))
                .collect(Collectors.toSet());
    }

    private static LocalDate endOfLife(PropertiesComponent properties, String key) {
        String date = property(properties, key);
        return date.isEmpty() ? null : LocalDate.parse(date);
    }
}
