package se.lefileka.config;

import static se.lefileka.config.BundleConfiguration.property;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import se.lefileka.routing.RouteCheck;
import se.lefileka.routing.RouteChangeLog;
import se.lefileka.routing.RouteFolder;
import se.lefileka.routing.RouteReload;
import se.lefileka.sandbox.Sandbox;

/**
 * Route changes while the bundle runs ({@code bundle.routes.reload}): the {@link RouteReload}
 * watching the routes' folder, checked by {@link RouteCheck} with the bundle's own settings, and
 * the log of the changes applied. Runs after the other configurations but
 * {@link OperationsConfiguration}.
 */
public class RoutesConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        RouteChangeLog changes = new RouteChangeLog(registry.lookupByNameAndType("bundleJson", ObjectMapper.class).copy()
                .disable(SerializationFeature.INDENT_OUTPUT),
                Path.of(property(properties, "bundle.data.dir")).resolve("route-changes.jsonl"));
        registry.bind("routeChangeLog", changes);
        if (Boolean.parseBoolean(property(properties, "bundle.routes.reload"))) {
            RouteReload reload = new RouteReload(context,
                    RouteFolder.of(property(properties, "camel.main.routes-include-pattern")), RouteCheck::check,
                    RoutesConfiguration::settings, changes, registry.findSingleByType(Clock.class),
                    Long.parseLong(property(properties, "bundle.inbox.stable-millis")));
            registry.bind("routeReload", reload);
            context.addService(reload, true, true);
        }
    }

    /**
     * The running bundle's own settings, for the check of a change: its override properties, but
     * the embedded sandbox's URLs (the check runs a sandbox of its own).
     */
    static Properties settings(CamelContext context) {
        Properties settings = new Properties();
        if (context.getPropertiesComponent() instanceof org.apache.camel.component.properties.PropertiesComponent own
                && own.getOverrideProperties() != null) {
            settings.putAll(own.getOverrideProperties());
        }
        Sandbox sandbox = context.getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
        for (String url : new String[] {"lefi.url", "leka.url"}) {
            if (sandbox != null && sandbox.url().equals(settings.getProperty(url))) {
                settings.remove(url);
            }
        }
        return settings;
    }
}
