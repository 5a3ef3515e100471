package se.lefileka.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import se.lefileka.audit.AuditLog;
import se.lefileka.calendar.OpeningSchedule;
import se.lefileka.cluster.Leadership;
import se.lefileka.database.Database;
import se.lefileka.intake.FileNames;
import se.lefileka.intake.JmsReplies;
import se.lefileka.lane.LaneGate;
import se.lefileka.lane.LanePace;
import se.lefileka.mass.MassBatches;
import se.lefileka.mass.MassPace;
import se.lefileka.lane.LaneRetry;
import se.lefileka.operations.FkCalls;
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

    /** The lanes' queues and the dead-letter queue; one thread a lane, on the end-to-end tests' lifted limits. */
    protected static Properties laneSettings() {
        Properties properties = new Properties();
        properties.put("lane.online.queue", "lefi.lane.online");
        properties.put("lane.mass.queue", "lefi.lane.mass");
        properties.put("jms.dead-letter-queue", "lefi.dead-letter");
        properties.put("lane.online.threads", "1");
        properties.put("lane.mass.threads", "1");
        properties.putAll(RunningBundle.LIFTED_LIMITS);
        return properties;
    }

    /**
     * What the lane template calls, as the bundle binds it: the gates (the online lane's open by the
     * given hours, the mass lane's always), the retry (giving up after {@code retryFor}), and the calls' bookkeeping.
     */
    protected static void bindLaneBeans(Registry registry, OpeningSchedule onlineHours, Duration retryFor)
            throws Exception {
        Clock clock = Clock.systemUTC();
        registry.bind("everyCallDue", LanePace.EVERY_CALL_DUE);
        DataSource database = inMemoryDatabase().dataSource();
        registry.bind("massPace", new MassPace(database, new MassBatches(database, clock), clock, "v2", 2000, 600_000, 515));
        registry.bind("onlineGate", new LaneGate("Online", onlineHours, clock, 1000, Duration.ZERO, true));
        registry.bind("massGate", new LaneGate("Mass", OpeningSchedule.ALWAYS, clock, 1000, Duration.ZERO, true));
        registry.bind("laneRetry", new LaneRetry(clock, retryFor, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Set.of(MassPace.POLL), 2));
        registry.bind("fkCalls", new FkCalls(new SimpleMeterRegistry(), clock, Map.of("online", 50, "mass", 50),
                Set.of()));
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
