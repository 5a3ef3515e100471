package se.lefileka.support;

import java.util.List;
import java.util.Properties;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;

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

    /** Loads the files ({@code routes/<name>.camel.yaml}, in order) and keeps only the routes named. */
    protected void loadRoutes(List<String> files, List<String> keep) throws Exception {
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
