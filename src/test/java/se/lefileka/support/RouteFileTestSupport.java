package se.lefileka.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.function.Suppliers;
import se.lefileka.audit.AuditLog;
import se.lefileka.budget.BudgetLimits;
import se.lefileka.budget.FkBudget;
import se.lefileka.budget.LaneGate;
import se.lefileka.budget.LanePace;
import se.lefileka.budget.WorkClasses;
import se.lefileka.calendar.OpeningSchedule;
import se.lefileka.cluster.Leadership;
import se.lefileka.config.BudgetConfiguration;
import se.lefileka.config.BundleConfiguration;
import se.lefileka.config.LaneConfiguration;
import se.lefileka.config.MassConfiguration;
import se.lefileka.database.Database;
import se.lefileka.intake.FileNames;
import se.lefileka.intake.JmsReplies;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerSource;
import se.lefileka.sandbox.SandboxSettings;

/**
 * A fast test of route files in {@code routes/}: loads them into a bare Camel context (no broker,
 * no HTTP, no folders), keeps of them only the routes under test (and the test's own), and lets the test advise them (mock
 * endpoints for queues and calls) before the context starts.
 */
public abstract class RouteFileTestSupport extends CamelTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    /** The settings the routes under test read. */
    protected abstract Properties settings();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return settings();
    }

    /** JSON as the bundle writes it (dates as text). */
    protected static final ObjectMapper BUNDLE_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Where requests are answered: the data folder (outbox) and the online lane's queue. */
    protected static Properties requestSettings(Path data) {
        Properties properties = new Properties();
        properties.put("bundle.data.dir", data.toString());
        properties.put("lane.online.queue", "lefi.lane.online");
        properties.put("lane.online.bulk-queue", "lefi.lane.online.bulk");
        properties.put("lane.online.notifications-queue", "lefi.lane.online.notifications");
        return properties;
    }

    /** What answering a request needs, as the bundle binds it: its JSON, the audit log, the outbox's names. */
    protected static void bindReplyBeans(Registry registry, Path data) throws Exception {
        registry.bind("bundleJson", BUNDLE_JSON);
        registry.bind("auditLog", auditLog(inMemoryDatabase()));
        registry.bind("fileNames", new FileNames(data));
        registry.bind("writtenAnswers", new MemoryIdempotentRepository());
        registry.bind("jmsReplies", new JmsReplies(List.of()));
    }

    /** The bundle's schema on an in-memory database of the test's own. */
    protected static Database inMemoryDatabase() throws Exception {
        Database database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.migrate();
        return database;
    }

    /** The audit log on the database, as the bundle keeps it when the sandbox answers. */
    protected static AuditLog auditLog(Database database) {
        return new AuditLog(database.dataSource(), SandboxSettings.ORGANISATIONSNUMMER, Clock.systemUTC(),
                new SimpleMeterRegistry(), new Pseudonyms("test-key"), AnswerSource.SANDBOX);
    }

    /**
     * The settings as shipped, with the lanes on one thread each and the end-to-end tests' lifted
     * limits, and FK at an address no test reaches.
     */
    protected static Properties laneSettings() {
        Properties properties;
        try {
            properties = ShippedSettings.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("lane.online.threads", "1");
        properties.put("lane.mass.threads", "1");
        properties.put("lefi.url", "http://fk.invalid");
        properties.put("leka.url", "http://fk.invalid");
        properties.putAll(RunningBundle.LIFTED_LIMITS);
        return properties;
    }

    /**
     * The beans the lanes use, made as the bundle makes them, by its own configuration classes
     * (the budgets, the lanes' retry and calls, the mass pace) on {@link #laneSettings()}, on an
     * in-memory database of the test's own; only the online budget's gate and pace are the test's
     * (its limits the bundle's).
     */
    protected void bindLaneBeans(Registry registry, OpeningSchedule onlineHours, LanePace onlinePace)
            throws Exception {
        Clock clock = Clock.systemUTC();
        Leadership leadership = Leadership.single();
        registry.bind("clock", clock);
        registry.bind("leadership", leadership);
        registry.bind(BundleConfiguration.METRICS_REGISTRY, new SimpleMeterRegistry());
        registry.bind(BundleConfiguration.BUNDLE_METERS, new SimpleMeterRegistry());
        registry.bind("bundleDataSource", inMemoryDatabase().dataSource());
        useConfiguration(new BudgetConfiguration());
        useConfiguration(new LaneConfiguration());
        useConfiguration(new MassConfiguration());
        registry.unbind("onlineBudget");
        registry.bind("onlineBudget", FkBudget.class, Suppliers.memorize(() -> new FkBudget("online",
                registry.lookupByNameAndType("onlineBudgetLimits", BudgetLimits.class),
                new LaneGate("Online", onlineHours, clock, 1000, Duration.ZERO, true), leadership::leads, onlinePace,
                registry.lookupByNameAndType("onlineWorkClasses", WorkClasses.class))));
    }

    /** Binds a configuration class's beans as the bundle does (Camel's bean post-processor, as camel-main uses it). */
    protected void useConfiguration(CamelConfiguration configuration) throws Exception {
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        String name = configuration.getClass().getName();
        beans.postProcessBeforeInitialization(configuration, name);
        beans.postProcessAfterInitialization(configuration, name);
    }

    /** Loads the files ({@code routes/<name>.camel.yaml}, in order) and keeps only the routes named. */
    protected void loadRoutes(List<String> files, List<String> keep) throws Exception {
        // one node, which leads: the leader's routes run
        if (context.getRegistry().lookupByName("leader") == null) {
            context.getRegistry().bind("leader", Leadership.single().routePolicy());
        }
        ModelCamelContext model = (ModelCamelContext) context;
        List<RouteDefinition> before = List.copyOf(model.getRouteDefinitions());
        for (String file : files) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "file:routes/" + file + ".camel.yaml"));
        }
        List<RouteDefinition> others = model.getRouteDefinitions().stream()
                .filter(route -> !before.contains(route) && !keep.contains(route.getRouteId())).toList();
        model.removeRouteDefinitions(others);
    }
}
