package se.lefileka.organisations;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.routing.BundleStart;
import se.lefileka.sandbox.Sandbox;

/**
 * The bundles of the organisations besides the default one, in this process: one Camel context
 * each, on the same routes and settings as the default's, with the organisation's own over them
 * ({@link Organisation#overrides}). Each has its own lanes and budgets, inboxes, outboxes,
 * database and leader; all share the default's broker (in the JVM) and its sandbox. They start
 * with the default's context (after its broker and database) and stop before it.
 */
public class OrganisationBundles extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OrganisationBundles.class);
    /** The routes of the default's context alone: the console serves every organisation on one port. */
    static final String DEFAULT_ONLY_ROUTES = "file:routes/console.camel.yaml";
    /** The name an organisation's bundle finds the default's served metrics registry by. */
    public static final String SERVED_METRICS = "servedMetrics";

    private final Organisations organisations;
    private final Map<String, String> defaults;
    private final Map<String, String> shared;
    private final Clock clock;
    private final Sandbox sandbox;
    private final MeterRegistry served;
    private final Map<String, Main> running = new LinkedHashMap<>();

    /**
     * @param defaults the default's bundle settings in effect (whatever their source), which every
     *                 organisation's bundle runs on unless its own say otherwise
     * @param shared   settings every organisation's bundle takes from the default's (its broker)
     * @param sandbox  the default's sandbox (null when it runs none)
     * @param served   the default's served metrics registry, where each organisation's meters go too (tagged with it)
     */
    public OrganisationBundles(Organisations organisations, Map<String, String> defaults, Map<String, String> shared,
                               Clock clock, Sandbox sandbox, MeterRegistry served) {
        this.organisations = organisations;
        this.defaults = defaults;
        this.shared = shared;
        this.clock = clock;
        this.sandbox = sandbox;
        this.served = served;
    }

    @Override
    protected void doStart() throws Exception {
        for (Organisation organisation : organisations.all()) {
            Main main = BundleStart.create();
            Map<String, String> overrides = new LinkedHashMap<>(defaults);
            overrides.putAll(organisation.overrides(key -> defaults.getOrDefault(key, "")));
            overrides.putAll(shared);
            overrides.put(Organisations.DIR_KEY, "");
            overrides.put("camel.server.enabled", "false");
            overrides.put("camel.management.enabled", "false");
            overrides.put("camel.main.routes-exclude-pattern", DEFAULT_ONLY_ROUTES);
            // its threads, in every log line they write, name the organisation
            overrides.put("camel.main.thread-name-pattern", "Camel (" + organisation.id() + ") thread ##counter# - #name#");
            overrides.forEach(main::addOverrideProperty);
            // the settings it runs on are all given above (the default's in effect, whatever their
            // source): a JVM system property or environment variable the default's bundle takes,
            // such as -Dbundle.data.dir, must not win over the organisation's own
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport organisationMain) {
                    PropertiesComponent properties = (PropertiesComponent) organisationMain.getCamelContext()
                            .getPropertiesComponent();
                    properties.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
                    properties.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
                }
            });
            // stopped with the default's context, before its broker and database: no JVM hook of its own
            main.setShutdownStrategy(new SimpleMainShutdownStrategy());
            main.bind("clock", clock);
            main.bind(SERVED_METRICS, served);
            if (sandbox != null) {
                main.bind("sandbox", sandbox);
            }
            LOG.info("Starting organisation {}'s bundle in {}", organisation.id(), overrides.get("bundle.data.dir"));
            main.start();
            running.put(organisation.id(), main);
        }
    }

    @Override
    protected void doStop() throws Exception {
        List<Main> stopping = new ArrayList<>(running.values());
        for (int i = stopping.size() - 1; i >= 0; i--) {
            stopping.get(i).stop();
        }
        running.clear();
    }

    /** The organisations' Camel contexts, by organisation, as started. */
    public Map<String, CamelContext> contexts() {
        Map<String, CamelContext> contexts = new LinkedHashMap<>();
        running.forEach((id, main) -> contexts.put(id, main.getCamelContext()));
        return contexts;
    }
}
