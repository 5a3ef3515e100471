package se.lefileka.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies the operators' route changes while the bundle runs ({@code bundle.routes.reload}):
 * watches the routes' folder, waits until every route file is stable (unchanged for
 * {@code bundle.inbox.stable-millis}, as the inboxes do), checks the folder as it is then with
 * {@link FolderCheck the route check} and, only when it passes, applies it file by file: the
 * routes of a changed or removed file stop gracefully (what they hold finishes, or goes back to
 * its queue) and are removed, the file's new routes are added and started; the routes of every
 * other file keep running. A change to a route template or route configuration applies to every
 * file (their routes are made from them). A change that fails the check changes nothing: the log
 * and the {@code routes} health check say which file and why, until a good change, or the old
 * text, comes back; one that passes it but cannot start is undone (the file's routes as before
 * start again) and refused the same way. Every applied change is kept in the {@link RouteChangeLog}.
 */
public class RouteReload extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReload.class);
    /** The logging context key under which nothing is written (log4j2.properties). */
    private static final String QUIET = "bundle.quiet";
    private static final Pattern TEMPLATES_OR_CONFIGURATIONS =
            Pattern.compile("(?m)^-\\s+(routeTemplate|routeConfiguration)\\s*:");

    /** Checks a folder of routes with the bundle's settings; returns the problems, empty when none. */
    public interface FolderCheck {
        List<String> check(Path routes, Properties settings) throws IOException;
    }

    /** What the last change that could not be applied was: its files and why (null while none). */
    public record Refusal(OffsetDateTime at, Set<String> files, List<String> problems) {
    }

    private final CamelContext context;
    private final RouteFolder folder;
    private final FolderCheck checker;
    private final Function<CamelContext, Properties> settings;
    private final RouteChangeLog changes;
    private final Clock clock;
    private final long stableMillis;
    private ScheduledExecutorService watcher;

    /** The texts the running routes were made from, by file name. */
    private final Map<String, byte[]> applied = new TreeMap<>();
    /** The route ids each applied file made. */
    private final Map<String, Set<String>> routeIds = new TreeMap<>();
    private Map<String, RouteFolder.Seen> lastSeen = Map.of();
    private long stableSince;
    private Map<String, String> refusedState;
    private volatile Refusal refusal;
    private volatile int checks;

    public RouteReload(CamelContext context, RouteFolder folder, FolderCheck checker,
                       Function<CamelContext, Properties> settings, RouteChangeLog changes, Clock clock,
                       long stableMillis) {
        this.context = context;
        this.folder = folder;
        this.checker = checker;
        this.settings = settings;
        this.changes = changes;
        this.clock = clock;
        this.stableMillis = stableMillis;
    }

    /** The change that could not be applied, while the folder still holds it; null otherwise. */
    public Refusal refusal() {
        return refusal;
    }

    /**
     * Until closed, nothing this thread logs is written: a change's check runs in a context of its
     * own, whose start and stop would read as the bundle's; and the routes a change stops and starts
     * are named in its one line.
     */
    public static MDC.MDCCloseable quietly() {
        return MDC.putCloseable(QUIET, "true");
    }

    /** How many changes were checked since start. */
    public int checks() {
        return checks;
    }

    public RouteFolder folder() {
        return folder;
    }

    @Override
    protected void doStart() throws Exception {
        Map<String, byte[]> texts = folder.read();
        for (Map.Entry<String, byte[]> text : texts.entrySet()) {
            applied.put(text.getKey(), text.getValue());
            routeIds.put(text.getKey(), idsIn(text.getKey(), text.getValue()));
        }
        lastSeen = folder.seen();
        stableSince = System.nanoTime();
        watcher = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "route-reload");
        watcher.scheduleWithFixedDelay(this::look, 500, 500, TimeUnit.MILLISECONDS);
        LOG.info("Route changes in {} ({}) are checked and applied while the bundle runs", folder.dir(), folder.glob());
    }

    @Override
    protected void doStop() {
        if (watcher != null) {
            context.getExecutorServiceManager().shutdownNow(watcher);
        }
    }

    /** One look at the folder: a change is checked, then applied, once every file is stable. */
    synchronized void look() {
        try {
            Map<String, RouteFolder.Seen> seen = folder.seen();
            if (!seen.equals(lastSeen)) {
                lastSeen = seen;
                stableSince = System.nanoTime();
                return;
            }
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stableSince) < stableMillis) {
                return;
            }
            Map<String, byte[]> texts = folder.read();
            Map<String, String> state = hashes(texts);
            if (state.equals(hashes(applied))) {
                if (refusal != null) {
                    LOG.info("The routes in {} are back to the text that runs; the refused change is gone", folder.dir());
                    refusal = null;
                    refusedState = null;
                }
                return;
            }
            if (state.equals(refusedState)) {
                return;
            }
            apply(texts, state);
        } catch (Exception e) {
            LOG.error("Route changes in {} could not be looked at: {}", folder.dir(), e.getMessage(), e);
        }
    }

    private void apply(Map<String, byte[]> texts, Map<String, String> state) throws Exception {
        Set<String> changed = new TreeSet<>();
        texts.forEach((name, text) -> {
            if (!applied.containsKey(name) || !Arrays.equals(applied.get(name), text)) {
                changed.add(name);
            }
        });
        Set<String> removed = new TreeSet<>(applied.keySet());
        removed.removeAll(texts.keySet());
        Set<String> touched = new TreeSet<>(changed);
        touched.addAll(removed);

        List<String> problems;
        try {
            problems = check(texts);
        } catch (Exception e) {
            problems = List.of("the check could not run: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            problems = unnamedRoutes(changed, texts);
        }
        if (!problems.isEmpty()) {
            refuse(touched, state, problems, "the routes as before keep running");
            return;
        }

        boolean everyFile = touched.stream().anyMatch(name -> declaresTemplates(applied.get(name))
                || declaresTemplates(texts.get(name)));
        Set<String> reloaded = everyFile ? new TreeSet<>(texts.keySet()) : changed;
        Set<String> stopping = new TreeSet<>(reloaded);
        stopping.addAll(removed);
        Map<String, Set<String>> stopped = new LinkedHashMap<>();
        try (MDC.MDCCloseable quiet = quietly()) {
            for (String name : stopping) {
                stopped.put(name, stopAndRemove(routeIds.getOrDefault(name, Set.of())));
            }
            load(resources(reloaded, texts));
        } catch (Exception e) {
            // what started of the new text stops again, and the text as before runs again
            for (String name : reloaded) {
                stopAndRemove(idsIn(name, texts.get(name)));
            }
            Set<String> before = new TreeSet<>(stopping);
            before.retainAll(applied.keySet());
            load(resources(before, applied));
            refuse(touched, state, List.of("the routes could not start: " + e.getMessage()),
                    "the routes as before were started again");
            return;
        }
        for (String name : stopping) {
            byte[] before = applied.get(name);
            byte[] after = texts.get(name);
            Set<String> started = after == null ? Set.of() : idsIn(name, after);
            if (after == null) {
                applied.remove(name);
                routeIds.remove(name);
            } else {
                applied.put(name, after);
                routeIds.put(name, started);
            }
            String kind = before == null ? "added" : after == null ? "removed"
                    : Arrays.equals(before, after) ? "restarted" : "changed";
            RouteChangeLog.Change change = new RouteChangeLog.Change(OffsetDateTime.now(clock), name, kind,
                    stopped.get(name), started, before == null ? null : RouteFolder.hash(before),
                    after == null ? null : RouteFolder.hash(after));
            changes.write(change);
            LOG.info("Route change applied: {} {} (routes stopped: {}; started: {}; sha256 {} -> {})", name, kind,
                    change.stopped(), change.started(), change.oldHash(), change.newHash());
        }
        refusal = null;
        refusedState = null;
    }

    private void refuse(Set<String> files, Map<String, String> state, List<String> problems, String outcome) {
        refusal = new Refusal(OffsetDateTime.now(clock), files, problems);
        refusedState = state;
        LOG.error("Route change refused ({}): {}; {}", String.join(", ", files), String.join("; ", problems), outcome);
    }

    /** The files' texts as resources at the files' own locations, those declaring templates first. */
    private List<Resource> resources(Set<String> names, Map<String, byte[]> texts) {
        return names.stream().sorted(Comparator.comparing((String name) -> !declaresTemplates(texts.get(name))))
                .map(name -> ResourceHelper.fromBytes(folder.location(name), texts.get(name))).toList();
    }

    /**
     * Loads the files' route configurations, templates, routes and templated routes into the
     * running context (as Camel's own reload does, and its templated routes too), starting them.
     */
    private void load(List<Resource> resources) throws Exception {
        if (resources.isEmpty()) {
            return;
        }
        Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources);
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.updateRouteConfigurationsToCamelContext(context);
            }
        }
        for (RoutesBuilder builder : builders) {
            builder.updateRoutesToCamelContext(context);
            keepNewestTemplates();
            if (builder instanceof RouteBuilder routes) {
                routes.addTemplatedRoutesToCamelContext(context);
            }
        }
    }

    /**
     * Camel adds a route template beside the one of the same id it had, and makes routes from the
     * first: the ones a changed file replaced go, so that routes are made from the new text.
     */
    private void keepNewestTemplates() throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Map<String, RouteTemplateDefinition> newest = new LinkedHashMap<>();
        List<RouteTemplateDefinition> replaced = new ArrayList<>();
        for (RouteTemplateDefinition template : model.getRouteTemplateDefinitions()) {
            RouteTemplateDefinition before = newest.put(template.getId(), template);
            if (before != null) {
                replaced.add(before);
            }
        }
        model.removeRouteTemplateDefinitions(replaced);
    }

    private List<String> check(Map<String, byte[]> texts) throws IOException {
        checks++;
        Path copy = Files.createTempDirectory("route-change");
        try {
            for (Map.Entry<String, byte[]> text : texts.entrySet()) {
                Files.write(copy.resolve(text.getKey()), text.getValue());
            }
            // the problems name the copy's files: name the operator's instead
            return checker.check(copy, settings.apply(context)).stream()
                    .map(problem -> problem.replace(copy.toString(), folder.dir().toString())).toList();
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Routes are stopped and replaced by their ids: a changed file's routes each need one. */
    private List<String> unnamedRoutes(Set<String> changed, Map<String, byte[]> texts) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String name : changed) {
            if (idsIn(name, texts.get(name)).contains(null)) {
                problems.add(folder.dir().resolve(name) + ": every route needs an id (route: id:, templatedRoute: "
                        + "routeId:) to be changed while the bundle runs");
            }
        }
        return problems;
    }

    private Set<String> stopAndRemove(Set<String> ids) throws Exception {
        Set<String> stopped = new TreeSet<>();
        for (String id : ids) {
            if (id != null && context.getRoute(id) != null) {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
                stopped.add(id);
            }
        }
        return stopped;
    }

    /** The ids of the routes a route file makes (null for one without). */
    private Set<String> idsIn(String name, byte[] text) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        Resource resource = ResourceHelper.fromBytes(folder.location(name), text);
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resource)) {
            if (builder instanceof RouteBuilder routes) {
                routes.configureRoutes(context);
                routes.getRouteCollection().getRoutes().stream().map(RouteDefinition::getId).forEach(ids::add);
                routes.getTemplatedRouteCollection().getTemplatedRoutes().stream()
                        .map(TemplatedRouteDefinition::getRouteId).forEach(ids::add);
            }
        }
        return ids;
    }

    private static boolean declaresTemplates(byte[] text) {
        return text != null && TEMPLATES_OR_CONFIGURATIONS.matcher(new String(text, StandardCharsets.UTF_8)).find();
    }

    private static Map<String, String> hashes(Map<String, byte[]> texts) {
        Map<String, String> hashes = new TreeMap<>();
        texts.forEach((name, text) -> hashes.put(name, RouteFolder.hash(Objects.requireNonNull(text))));
        return hashes;
    }
}
