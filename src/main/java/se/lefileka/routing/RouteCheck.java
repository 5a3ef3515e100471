package se.lefileka.routing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.main.Main;
import org.slf4j.MDC;
import se.lefileka.routing.RouteReload;
import se.lefileka.routing.RouteRulesAtStart;

/**
 * Checks the YAML routes an operator edited before they go live: builds every route of every file
 * in the folder with the bundle's configuration and beans (nothing is started: no file is read,
 * no message taken, no call made), and reports a file that does not parse, a bean, property or
 * endpoint that does not exist, a {@code direct:} route that is called but not there, and a
 * {@code direct:} endpoint that more than one route reads.
 *
 * <pre>java -cp target/lefi-leka-bundle.jar se.lefileka.routing.RouteCheck [routes-folder]</pre>
 */
public final class RouteCheck {

    private RouteCheck() {
    }

    public static void main(String... args) throws Exception {
        // only the verdict, not the bundle's start-up log (unless -Dbundle.log.level says otherwise)
        System.setProperty("bundle.log.level", System.getProperty("bundle.log.level", "ERROR"));
        Path routes = Path.of(args.length > 0 ? args[0] : "routes");
        List<String> problems = check(routes);
        if (problems.isEmpty()) {
            System.out.println("Routes in " + routes + ": OK");
            return;
        }
        problems.forEach(problem -> System.out.println("Routes in " + routes + ": " + problem));
        System.exit(1);
    }

    /** The problems found in the routes of the folder; empty when they are fine. */
    public static List<String> check(Path routes) throws IOException {
        return check(routes, new Properties());
    }

    /**
     * As {@link #check(Path)}, with a running bundle's own settings (its override properties) on
     * top of the configuration's: the check of a live route change. Whatever the settings say, the
     * check runs on its own scratch folder and database, with no broker, in no cluster.
     */
    public static List<String> check(Path routes, Properties settings) throws IOException {
        // the check's own context logs nothing: the running bundle logs one line per change, applied
        // or refused, with the reason
        try (MDC.MDCCloseable quiet = RouteReload.quietly()) {
            return checkQuietly(routes, settings);
        }
    }

    private static List<String> checkQuietly(Path routes, Properties settings) throws IOException {
        List<String> problems = new ArrayList<>();
        Path scratch = Files.createTempDirectory("route-check");
        Main main = BundleStart.create();
        settings.stringPropertyNames().forEach(key -> main.addOverrideProperty(key, settings.getProperty(key)));
        main.addOverrideProperty("camel.main.name", "route-check");
        main.addOverrideProperty("bundle.routes.reload", "false");
        main.addOverrideProperty("bundle.cluster.mode", "none");
        main.addOverrideProperty("bundle.tracing.enabled", "false");
        main.addOverrideProperty("bundle.db.url", "jdbc:h2:file:" + scratch.resolve("db/check") + ";WRITE_DELAY=0");
        main.addOverrideProperty("bundle.db.user", "sa");
        main.addOverrideProperty("bundle.db.password", "");
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml");
        main.addOverrideProperty("camel.main.auto-startup", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("bundle.http.port", String.valueOf(freePort()));
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("bundle.data.dir", scratch.toString());
        // a broker nobody listens at: nothing starts, so nothing connects (and no second embedded
        // broker runs beside a live bundle's)
        main.addOverrideProperty("jms.broker.url", "tcp://127.0.0.1:" + freePort());
        main.addOverrideProperty("lefi.sandbox.enabled", "true");
        try {
            main.start();
            CamelContext context = main.getCamelContext();
            problems.addAll(missingDirectRoutes(context));
            problems.addAll(directEndpointsReadTwice(context));
        } catch (Exception e) {
            problems.addAll(refusals(e).orElse(List.of(BundleStart.describe(e))));
        } finally {
            main.stop();
            deleteAll(scratch);
        }
        return problems;
    }

    /** The rules the routes break, when that is why they could not start. */
    private static Optional<List<String>> refusals(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RouteRulesAtStart.RoutesRefused refused) {
                return Optional.of(refused.refusals());
            }
        }
        return Optional.empty();
    }

    private static List<String> missingDirectRoutes(CamelContext context) {
        Set<String> served = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            String from = route.getEndpoint().getEndpointKey();
            if (from.startsWith("direct://")) {
                served.add(from.substring("direct://".length()));
            }
        }
        Set<String> called = new TreeSet<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint.getEndpointKey().startsWith("direct://")) {
                called.add(endpoint.getEndpointKey().substring("direct://".length()).replaceFirst("\\?.*", ""));
            }
        }
        // the routes the FK calls hand FK's answer to (fk-call's "then"), reached by name
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (parameters != null && parameters.get("then") != null) {
                called.add(String.valueOf(parameters.get("then")));
            }
        }
        called.removeAll(served);
        return called.stream().map(name -> "direct:" + name + " is called but no route is there (from: direct:"
                + name + ")").toList();
    }

    /** A {@code direct:} endpoint has one reader: Camel refuses a second only when it starts, so the check says it. */
    private static List<String> directEndpointsReadTwice(CamelContext context) {
        Map<String, List<String>> readers = new TreeMap<>();
        for (Route route : context.getRoutes()) {
            String from = route.getEndpoint().getEndpointKey();
            if (from.startsWith("direct://")) {
                readers.computeIfAbsent(from.substring("direct://".length()).replaceFirst("\\?.*", ""),
                        name -> new ArrayList<>()).add(route.getId() + " (" + route.getSourceLocationShort() + ")");
            }
        }
        return readers.entrySet().stream().filter(read -> read.getValue().size() > 1)
                .map(read -> "direct:" + read.getKey() + " is read by more than one route: "
                        + String.join(", ", read.getValue()) + "; only one route may read it")
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
