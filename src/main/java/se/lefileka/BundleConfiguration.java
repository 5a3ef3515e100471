package se.lefileka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import se.lefileka.audit.AuditExport;
import se.lefileka.audit.AuditLog;
import se.lefileka.broker.BrokerSecurity;
import se.lefileka.broker.BundleQueues;
import se.lefileka.broker.EmbeddedBroker;
import se.lefileka.calendar.ServiceWindows;
import se.lefileka.database.Database;
import se.lefileka.fk.FkHeaderFilterStrategy;
import se.lefileka.fk.FkTls;
import se.lefileka.intake.FileNames;
import se.lefileka.intake.InboxFiles;
import se.lefileka.intake.InputErrors;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JmsReplies;
import se.lefileka.intake.JmsText;
import se.lefileka.intake.JsonInput;
import se.lefileka.lane.LaneGate;
import se.lefileka.lane.LaneRetry;
import se.lefileka.lane.WirePacing;
import se.lefileka.lefi.LefiApi;
import se.lefileka.lefi.LefiWire;
import se.lefileka.online.OnlineAnswers;
import se.lefileka.online.OnlineIntake;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.QueryValidator;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.sandbox.SandboxSettings;
import se.lefileka.secrets.Secrets;

/**
 * Starts the embedded parts (sandbox, broker, database) the configuration asks for and binds the
 * beans the YAML routes call. A {@code clock} already in the registry (a test's) is used as is.
 */
public class BundleConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BundleConfiguration.class);

    /** A mass chunk (500 rows, about 200 KB as Artemis stores text) stays an ordinary message. */
    static final int LARGE_MESSAGE_BYTES = 1024 * 1024;
    /** The Prometheus registry every metric goes to; Camel's metrics service serves it at /observe/metrics. */
    static final String METRICS_REGISTRY = "metricsRegistry";
    /** The mapper for JSON from outside: within the {@link InputLimits}. */
    static final String INPUT_JSON = "inputJson";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings.check(key -> property(properties, key));
        LOG.info(Settings.summary(properties.loadProperties().stringPropertyNames(), key -> property(properties, key)));
        Registry registry = context.getRegistry();
        Clock clock = registry.findSingleByType(Clock.class);
        if (clock == null) {
            clock = Clock.system(QueryValidator.STOCKHOLM);
            registry.bind("clock", Clock.class, clock);
        }
        Path dataDir = Path.of(property(properties, "bundle.data.dir"));
        // Camel's metrics service (camel.metrics.enabled) has made its Prometheus registry by now; else make one
        MeterRegistry meters = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, meters);
        }

        List<String> servedBySandbox = SandboxSettings.servedServices(key -> property(properties, key));
        SandboxSettings.check(servedBySandbox, key -> property(properties, key));
        if (Boolean.parseBoolean(property(properties, "lefi.sandbox.enabled"))) {
            Sandbox sandbox = new Sandbox(Integer.parseInt(property(properties, "lefi.sandbox.port")), clock);
            sandbox.start();
            context.addService(sandbox, true, true);
            registry.bind("sandbox", sandbox);
            for (String url : new String[] {"lefi.url", "leka.url"}) {
                if (property(properties, url).isBlank()) {
                    properties.addOverrideProperty(url, sandbox.url());
                }
            }
        }

        BundleQueues queues = BundleQueues.from(key -> property(properties, key));
        String brokerUrl = property(properties, "jms.broker.url");
        String brokerUser = property(properties, "jms.broker.user");
        String brokerPassword = Secrets.password(key -> property(properties, key), "jms.broker.password");
        if (brokerUrl.isBlank()) {
            BrokerSecurity security = Boolean.parseBoolean(property(properties, "jms.embedded.security"))
                    ? new BrokerSecurity(key -> property(properties, key), queues) : null;
            EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("broker"),
                    property(properties, "jms.embedded.acceptor"), security);
            context.addService(broker, true, true);
            registry.bind("embeddedBroker", broker);
            brokerUrl = EmbeddedBroker.IN_VM_URL;
            brokerUser = security == null ? "" : BrokerSecurity.BUNDLE_USER;
            brokerPassword = security == null ? "" : security.bundlePassword();
        }
        ActiveMQConnectionFactory artemis = brokerUser.isEmpty() ? new ActiveMQConnectionFactory(brokerUrl)
                : new ActiveMQConnectionFactory(brokerUrl, brokerUser, brokerPassword);
        artemis.setMinLargeMessageSize(LARGE_MESSAGE_BYTES);
        // no prefetch: a lane thread waiting out its gap must not hold messages another thread could take
        artemis.setConsumerWindowSize(0);
        // no Java deserialization, whatever a route or a producer asks: an ObjectMessage's object is never read
        artemis.setDeserializationDenyList("*");
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(artemis);
        connectionFactory.setSessionCacheSize(10);
        registry.bind("jmsConnectionFactory", connectionFactory);

        Database database = new Database(property(properties, "bundle.db.url"),
                property(properties, "bundle.db.user"), property(properties, "bundle.db.password"));
        database.createSchema();
        context.addService(database, true, true);
        registry.bind("bundleDataSource", database.dataSource());

        AnswerSource source = servedBySandbox.isEmpty() ? AnswerSource.FK : AnswerSource.SANDBOX;
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        source.mark(json);
        registry.bind("bundleJson", json);
        InputLimits limits = InputLimits.from(key -> property(properties, key));
        registry.bind("inputLimits", limits);
        ObjectMapper inputJson = limits.reader(json);
        registry.bind(INPUT_JSON, inputJson);
        registry.bind("fkHeaders", new FkHeaderFilterStrategy());
        SSLContextParameters tls = FkTls.parameters(context, key -> property(properties, key));
        if (tls != null) {
            context.getComponent("https", HttpComponent.class).setSslContextParameters(tls);
        }
        LaneGate onlineGate = new LaneGate("Online", ServiceWindows.parse(
                property(properties, "lefi.online.service-window.weekly"),
                property(properties, "lefi.online.service-windows")), clock,
                Long.parseLong(property(properties, "lane.gate.check-millis")), gateMargin(properties),
                Boolean.parseBoolean(property(properties, "lefi.online.service-window.hold")));
        registry.bind("onlineGate", onlineGate);
        registry.bind("onlineWirePacing", new WirePacing(Integer.parseInt(property(properties, "lane.online.per-second")),
                Long.parseLong(property(properties, "lane.online.window-millis")), onlineGate::isClosed));

        String lefiVersion = property(properties, "lefi.api.version");
        QueryValidator validator = new QueryValidator(clock, property(properties, "lefi.default-purpose"));
        registry.bind("queryValidator", validator);
        LefiWire lefiWire = new LefiWire(LefiApi.mapperFor(lefiVersion), property(properties, "lefi.organisationsnummer"),
                json);
        registry.bind("lefiWire", lefiWire);
        Pseudonyms pseudonyms = new Pseudonyms(property(properties, "bundle.audit.pseudonym-key"));
        registry.bind("pseudonyms", pseudonyms);
        registry.bind("queryInput", new JsonInput(inputJson, limits, "query"));
        registry.bind("onlineIntake", new OnlineIntake(validator, pseudonyms, clock, lefiVersion));
        registry.bind("onlineAnswers", new OnlineAnswers(json, clock, lefiVersion));
        registry.bind("lefiApi", new LefiApi(lefiWire, clock));
        registry.bind("jmsReplies", new JmsReplies(queues.notForReplies()));
        registry.bind("jmsText", new JmsText(limits));
        registry.bind("auditLog", new AuditLog(database.dataSource(), property(properties, "lefi.organisationsnummer"),
                clock, meters, pseudonyms, source));
        registry.bind("auditExport", new AuditExport(database.dataSource(), json, dataDir.resolve("outbox").resolve("audit")));
        registry.bind("inputErrors", new InputErrors(json, clock));
        registry.bind("fileNames", new FileNames(dataDir));
        registry.bind("inboxFiles", new InboxFiles(
                Duration.ofMillis(Long.parseLong(property(properties, "bundle.inbox.stable-millis")))));
        registry.bind("laneRetry", new LaneRetry(clock,
                Duration.ofMillis(Long.parseLong(property(properties, "lane.retry.max-millis"))),
                Duration.ofMillis(Long.parseLong(property(properties, "lane.retry.first-backoff-millis"))),
                Duration.ofMillis(Long.parseLong(property(properties, "lane.retry.max-backoff-millis")))));
    }

    /** How far from an opening or a closing a lane's gate keeps its calls ({@code lane.gate.margin-millis}). */
    static Duration gateMargin(PropertiesComponent properties) {
        return Duration.ofMillis(Long.parseLong(property(properties, "lane.gate.margin-millis")));
    }

    static String property(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElse("").trim();
    }
}
