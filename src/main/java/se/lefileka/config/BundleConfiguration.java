package se.lefileka.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
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
import se.lefileka.broker.BrokerManagement;
import se.lefileka.broker.BrokerSecurity;
import se.lefileka.broker.BundleQueues;
import se.lefileka.broker.EmbeddedBroker;
import se.lefileka.database.Database;
import se.lefileka.fk.FkAddresses;
import se.lefileka.fk.FkTls;
import se.lefileka.organisations.Organisation;
import se.lefileka.organisations.OrganisationBundles;
import se.lefileka.organisations.Organisations;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.QueryValidator;
import se.lefileka.routing.BundleStart;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.sandbox.SandboxSettings;
import se.lefileka.secrets.Secrets;

/**
 * What must be in place before any route or bean is made, in this order: the settings checked (a
 * start on settings that cannot work is refused), the clock (a {@code clock} already in the
 * registry, a test's, is used as is), the metrics registry, the sandbox (whose URL the routes call
 * when FK's is unset), the broker and the database. Runs first of the configurations; the others
 * only declare beans ({@code @BindToRegistry}, made when a route first needs them), so their order
 * does not matter.
 */
public class BundleConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BundleConfiguration.class);

    /** A mass chunk (500 rows, about 200 KB as Artemis stores text) stays an ordinary message. */
    static final int LARGE_MESSAGE_BYTES = 1024 * 1024;
    /** Camel's Prometheus registry; Camel's metrics service serves it at /observe/metrics. */
    public static final String METRICS_REGISTRY = "metricsRegistry";
    /**
     * The bundle's own meters, in the default's served registry (in an organisation's bundle, the
     * default's: {@link OrganisationBundles#SERVED_METRICS}), so that one scrape
     * shows them all; each tagged with its organisation ({@code organisation}) when the bundle
     * serves several.
     */
    public static final String BUNDLE_METERS = "bundleMeters";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings.check(key -> property(properties, key));
        // the organisations besides the default one (none in an organisation's own context)
        Organisations organisations = Organisations.read(key -> property(properties, key),
                context::resolvePropertyPlaceholders, BudgetConfiguration.AGREED_LIMITS);
        context.getRegistry().bind("organisations", organisations);
        LOG.info(Settings.summary(properties.loadProperties().stringPropertyNames(), key -> property(properties, key)));
        Registry registry = context.getRegistry();
        Clock clock = registry.findSingleByType(Clock.class);
        if (clock == null) {
            clock = Clock.system(QueryValidator.STOCKHOLM);
            registry.bind("clock", Clock.class, clock);
        }
        Path dataDir = Path.of(property(properties, "bundle.data.dir"));
        // Camel's metrics service (camel.metrics.enabled) has made its Prometheus registry by now; else make one
        if (registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class) == null) {
            registry.bind(METRICS_REGISTRY, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        MeterRegistry served = registry.lookupByNameAndType(OrganisationBundles.SERVED_METRICS, MeterRegistry.class);
        CompositeMeterRegistry bundleMeters = new CompositeMeterRegistry();
        // a bundle of one organisation's metrics are as they always were; with several, each carries its own
        if (served != null || !organisations.isEmpty()) {
            bundleMeters.config().commonTags("organisation", property(properties, Organisations.ORGANISATION_KEY));
        }
        bundleMeters.add(served != null ? served : registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class));
        registry.bind(BUNDLE_METERS, bundleMeters);

        List<String> servedBySandbox = SandboxSettings.servedServices(key -> property(properties, key));
        SandboxSettings.check(servedBySandbox, key -> property(properties, key));
        Sandbox shared = registry.lookupByNameAndType("sandbox", Sandbox.class);
        if (shared != null && Boolean.parseBoolean(property(properties, "lefi.sandbox.enabled"))) {
            // an organisation's bundle: the default's sandbox serves it too
            overrideUrls(properties, servedBySandbox, shared);
        } else if (Boolean.parseBoolean(property(properties, "lefi.sandbox.enabled"))) {
            Sandbox sandbox = new Sandbox(Integer.parseInt(property(properties, "lefi.sandbox.port")), clock);
            // it keeps its cases, subscriptions and notifications across a restart, as FK does
            sandbox.rememberIn(dataDir.resolve("sandbox"));
            sandbox.notifyEvery(Duration.ofMillis(Long.parseLong(property(properties, "lefi.sandbox.notify-every-millis"))));
            sandbox.start();
            context.addService(sandbox, true, true);
            registry.bind("sandbox", sandbox);
            overrideUrls(properties, servedBySandbox, sandbox);
        }

        BundleQueues queues = BundleQueues.from(key -> property(properties, key));
        String brokerUrl = property(properties, "jms.broker.url");
        String brokerUser = property(properties, "jms.broker.user");
        String brokerPassword = Secrets.password(key -> property(properties, key), "jms.broker.password");
        if (brokerUrl.isBlank()) {
            BrokerSecurity security = Boolean.parseBoolean(property(properties, "jms.embedded.security"))
                    ? new BrokerSecurity(key -> property(properties, key), queues) : null;
            if (security != null) {
                for (Organisation organisation : organisations.all()) {
                    Map<String, String> own = organisation.overrides(key -> property(properties, key));
                    security.addOrganisation(organisation,
                            BundleQueues.from(key -> own.getOrDefault(key, property(properties, key))));
                }
            }
            EmbeddedBroker broker = new EmbeddedBroker(dataDir.resolve("broker"),
                    property(properties, "jms.embedded.acceptor"), security);
            if (!property(properties, "jms.embedded.tls-acceptor").isEmpty()) {
                broker.withTls(property(properties, "jms.embedded.tls-acceptor"),
                        Path.of(property(properties, "jms.embedded.tls.key-store")),
                        Secrets.password(key -> property(properties, key), "jms.embedded.tls.key-store-password"));
            }
            context.addService(broker, true, true);
            registry.bind("embeddedBroker", broker);
            brokerUrl = EmbeddedBroker.IN_VM_URL;
            brokerUser = security == null ? "" : BrokerSecurity.BUNDLE_USER;
            brokerPassword = security == null ? "" : security.bundlePassword();
        } else {
            // the external broker's queue depths, for the metrics
            BrokerManagement management = new BrokerManagement(brokerUrl, brokerUser, brokerPassword);
            context.addService(management, true, true);
            registry.bind("brokerManagement", management);
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
        database.migrate();
        context.addService(database, true, true);
        registry.bind("bundleDataSource", database.dataSource());

        if (!organisations.isEmpty()) {
            OrganisationBundles bundles = new OrganisationBundles(organisations,
                    defaultsForOrganisations(properties, servedBySandbox),
                    Map.of("jms.broker.url", brokerUrl, "jms.broker.user", brokerUser, "jms.broker.password", brokerPassword,
                            "jms.broker.password-file", ""),
                    clock, registry.lookupByNameAndType("sandbox", Sandbox.class),
                    registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class));
            context.addService(bundles, true, false);
            registry.bind("organisationBundles", bundles);
        }

        registry.bind("answerSource", AnswerSource.class,
                servedBySandbox.isEmpty() ? AnswerSource.FK : AnswerSource.SANDBOX);
        // FK's client certificate and trust on connections to FK alone; the JVM's trust elsewhere
        SSLContextParameters tls = FkTls.forFkOnly(context, key -> property(properties, key),
                FkAddresses.of(context));
        if (tls != null) {
            context.getComponent("https", HttpComponent.class).setSslContextParameters(tls);
        }
    }

    /** FK's URLs the sandbox serves (those left unset). */
    private static void overrideUrls(PropertiesComponent properties, List<String> servedBySandbox, Sandbox sandbox) {
        for (String service : servedBySandbox) {
            properties.addOverrideProperty(service + ".url", sandbox.url());
        }
    }

    /**
     * The default's bundle settings in effect, for the organisations' bundles to run on, as given
     * (a placeholder such as {@code {{bundle.data.dir}}} is resolved in the organisation's bundle,
     * so its database, lock and folders are its own): all but FK's URLs where the sandbox serves
     * them (an organisation's bundle finds its sandbox itself).
     */
    private static Map<String, String> defaultsForOrganisations(PropertiesComponent properties, List<String> servedBySandbox) {
        Map<String, String> defaults = new TreeMap<>();
        for (String key : properties.loadProperties().stringPropertyNames()) {
            if (BundleStart.BUNDLE_KEY.matcher(key).lookingAt()) {
                properties.getResolvedValue(key).ifPresent(value -> defaults.put(key, value.originalValue().trim()));
            }
        }
        servedBySandbox.forEach(service -> defaults.remove(service + ".url"));
        defaults.remove(Organisations.DIR_KEY);
        return defaults;
    }

    static String property(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElse("").trim();
    }

    static String property(CamelContext context, String key) {
        return property(context.getPropertiesComponent(), key);
    }
}
