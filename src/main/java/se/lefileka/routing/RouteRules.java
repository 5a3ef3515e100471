package se.lefileka.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import se.lefileka.fk.FkAddresses;
import org.apache.camel.LineNumberAware;

/**
 * The rules every set of routes keeps, whatever an operator edits, checked on the routes as built
 * (before any starts: at the bundle's start, by {@code RouteCheck}, and on a live change):
 * <ul>
 * <li><b>calls FK outside the lanes</b>: only the routes made from the {@code fk-call} template
 * call FK's URLs ({@code lefi.url}, {@code leka.url}), and only the lanes' routes (made from
 * {@code fk-lane}, and the routes they call) send to them; so every call to FK takes its turn in
 * a lane's budget;</li>
 * <li><b>sends to a lane without validation</b>: what comes from outside (a file, a JMS queue
 * other than the bundle's own, HTTP) reaches a lane (its queue, or a lane's route) only after the
 * intake's validation ({@code onlineIntake.accept}, {@code massIntake.rows},
 * {@code subscriptionCommands.accept}).</li>
 * </ul>
 * Each refusal names its rule, the file and line of the step, and the route.
 */
public final class RouteRules {

    public static final String FK_OUTSIDE_LANES = "calls FK outside the lanes";
    public static final String LANE_WITHOUT_VALIDATION = "sends to a lane without validation";

    /** The steps that validate what comes from outside: bean and method. */
    private static final Set<String> VALIDATION = Set.of("onlineIntake.accept", "massIntake.rows",
            "subscriptionCommands.accept");
    /** The bundle's own queues: no producer outside the bundle may send to them (see BrokerSecurity). */
    private static final List<String> OWN_QUEUES = List.of("lane.online.queue", "lane.online.notifications-queue",
            "lane.online.bulk-queue", "lane.mass.queue",
            "lane.mass.tally-queue", "leka.notifications.delivery-queue", "leka.notifications.retry-queue",
            "jms.dead-letter-queue");
    private static final List<String> LANE_QUEUES = List.of("lane.online.queue", "lane.online.notifications-queue",
            "lane.online.bulk-queue", "lane.mass.queue");
    private static final Set<String> TIMED = Set.of("direct", "timer", "scheduler", "quartz", "cron");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\{(\\w+)}}");
    /**
     * Simple's properties function in a dynamic endpoint: {@code ${properties:key}} or
     * {@code ${properties:key:default}}.
     */
    private static final Pattern PROPERTIES_FUNCTION = Pattern.compile("\\$\\{properties:([^}]+)}");

    private final CamelContext context;
    private final List<RouteDefinition> routes;
    private final List<RouteConfigurationDefinition> configurations;
    private final Map<RouteDefinition, String> templates = new HashMap<>();
    private final Map<String, RouteDefinition> byDirect = new HashMap<>();
    private final FkAddresses fk;
    private final Set<String> laneQueues = new HashSet<>();
    private final Set<String> ownQueues = new HashSet<>();
    private final Set<String> laneRoutes = new HashSet<>();
    private final Set<String> fkCallRoutes = new HashSet<>();

    private RouteRules(CamelContext context) {
        this.context = context;
        this.fk = FkAddresses.of(context);
        ModelCamelContext model = (ModelCamelContext) context;
        this.routes = model.getRouteDefinitions();
        this.configurations = model.getRouteConfigurationDefinitions();
        for (RouteDefinition route : routes) {
            for (RouteTemplateDefinition template : model.getRouteTemplateDefinitions()) {
                if (route.isCreatedFromTemplate() && sameNode(route.getInput(), template.getRoute().getInput())) {
                    templates.put(route, template.getId());
                }
            }
            String from = endpoint(route, route.getInput().getEndpointUri());
            if (from.startsWith("direct:")) {
                byDirect.put(name(from), route);
            }
        }
        LANE_QUEUES.forEach(key -> laneQueues.add(resolve(Map.of(), "{{" + key + "}}")));
        OWN_QUEUES.forEach(key -> ownQueues.add(resolve(Map.of(), "{{" + key + "}}")));
        for (RouteDefinition route : routes) {
            if ("fk-call".equals(templates.get(route))) {
                fkCallRoutes.add(route.getId());
            } else if ("fk-lane".equals(templates.get(route))) {
                laneRoutes.add(route.getId());
                for (Send send : sends(route, route.getOutputs(), false)) {
                    if (send.uri().startsWith("direct:") && byDirect.containsKey(name(send.uri()))) {
                        laneRoutes.add(byDirect.get(name(send.uri())).getId());
                    }
                }
            }
        }
    }

    /** The refusals for the routes as built in the context (not yet started); empty when every rule is kept. */
    public static List<String> check(CamelContext context) {
        return new RouteRules(context).refusals();
    }

    private List<String> refusals() {
        Set<String> refusals = new LinkedHashSet<>();
        for (RouteDefinition route : routes) {
            for (Send send : sends(route, route.getOutputs(), false)) {
                if (!fkCallRoutes.contains(route.getId()) && callsFk(send.uri())) {
                    refusals.add(refusal(FK_OUTSIDE_LANES, send, route, "it sends to FK's URL itself; only the "
                            + "lanes call FK (the fk-call routes, reached from a lane)"));
                }
                if (!laneRoutes.contains(route.getId()) && isFkCallRoute(send.uri())) {
                    refusals.add(refusal(FK_OUTSIDE_LANES, send, route, "it sends to " + send.uri()
                            + ", an FK call of the lanes; only a lane sends to it"));
                }
            }
            if (fromOutside(route)) {
                followFromOutside(route, route, false, new HashSet<>(), refusals);
            }
        }
        for (RouteConfigurationDefinition configuration : configurations) {
            String where = "routeConfiguration " + configuration.getId();
            for (Send send : sends(null, configurationSteps(configuration), false)) {
                if (callsFk(send.uri()) || isFkCallRoute(send.uri())) {
                    refusals.add(refusal(FK_OUTSIDE_LANES, send, where, "it sends to " + send.uri()
                            + "; only the lanes call FK"));
                } else if (entersLane(send.uri())) {
                    refusals.add(refusal(LANE_WITHOUT_VALIDATION, send, where, "it sends to " + send.uri()
                            + ", whatever failed in whichever route uses it, without the intake's validation"));
                }
            }
        }
        return List.copyOf(refusals);
    }

    /** Follows what a route from outside sends, through the direct routes it calls, to a lane. */
    private void followFromOutside(RouteDefinition source, RouteDefinition route, boolean validated,
                                   Set<String> seen, Set<String> refusals) {
        if (!seen.add(route.getId() + validated)) {
            return;
        }
        for (Send send : sends(route, route.getOutputs(), validated)) {
            if (!send.validated() && entersLane(send.uri())) {
                refusals.add(refusal(LANE_WITHOUT_VALIDATION, send, route, "what route " + source.getId()
                        + " takes in (" + endpoint(source, source.getInput().getEndpointUri()) + ") reaches "
                        + send.uri() + " without the intake's validation (onlineIntake, massIntake or "
                        + "subscriptionCommands)"));
            } else if (send.uri().startsWith("direct:") && byDirect.containsKey(name(send.uri()))) {
                followFromOutside(source, byDirect.get(name(send.uri())), send.validated(), seen, refusals);
            }
        }
    }

    private record Send(String uri, ProcessorDefinition<?> step, boolean validated) {
    }

    /** The endpoints a route's steps send to, in order, each with whether a validation step came before it. */
    private List<Send> sends(RouteDefinition route, List<ProcessorDefinition<?>> steps, boolean validated) {
        List<Send> sends = new ArrayList<>();
        boolean valid = validated;
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof BeanDefinition bean && VALIDATION.contains(resolve(route, bean.getRef()) + "."
                    + resolve(route, String.valueOf(bean.getMethod())).replaceFirst("\\(.*", ""))) {
                valid = true;
            }
            for (String uri : targets(step)) {
                sends.add(new Send(endpoint(route, uri), step, valid));
            }
            sends.addAll(sends(route, step.getOutputs(), valid));
        }
        return sends;
    }

    private static List<String> targets(ProcessorDefinition<?> step) {
        if (step instanceof SendDefinition<?> send) {
            return List.of(String.valueOf(send.getEndpointUri()));
        }
        if (step instanceof ToDynamicDefinition dynamic) {
            return List.of(String.valueOf(dynamic.getUri()));
        }
        if (step instanceof RecipientListDefinition<?> || step instanceof EnrichDefinition
                || step instanceof PollEnrichDefinition || step instanceof RoutingSlipDefinition<?>) {
            var expression = ((ExpressionNode) step).getExpression();
            return expression == null || expression.getExpression() == null ? List.of()
                    : List.of(expression.getExpression().split(","));
        }
        return List.of();
    }

    private boolean fromOutside(RouteDefinition route) {
        String from = endpoint(route, route.getInput().getEndpointUri());
        String scheme = from.contains(":") ? from.substring(0, from.indexOf(':')) : from;
        return !TIMED.contains(scheme) && !(scheme.equals("jms") && ownQueues.contains(queue(from)));
    }

    private boolean entersLane(String uri) {
        return uri.startsWith("jms:") && laneQueues.contains(queue(uri))
                || uri.startsWith("direct:") && byDirect.containsKey(name(uri))
                && (laneRoutes.contains(byDirect.get(name(uri)).getId()) || isFkCallRoute(uri));
    }

    private boolean isFkCallRoute(String uri) {
        return uri.startsWith("direct:") && byDirect.containsKey(name(uri))
                && fkCallRoutes.contains(byDirect.get(name(uri)).getId());
    }

    private boolean callsFk(String uri) {
        String address = uri.replaceFirst("^[a-z0-9+-]+:(?=https?:)", "").trim();
        return fk.reaches(address);
    }

    private static String queue(String jmsUri) {
        return jmsUri.replaceFirst("^jms:queue:", "").replaceFirst("\\?.*", "");
    }

    private static String name(String directUri) {
        return directUri.substring("direct:".length()).replaceFirst("^//", "").replaceFirst("\\?.*", "");
    }

    /**
     * A step's endpoint as it is sent to: template parameters and properties (also a dynamic
     * endpoint's {@code ${properties:...}}) put in, and spelled one way: {@code jms:queue:<name>}
     * however the queue is written ({@code jms://queue:}, {@code jms:queue://}, {@code jms:<name>}),
     * {@code http://} and {@code https://} with their slashes.
     */
    private String endpoint(RouteDefinition route, String uri) {
        String resolved = resolve(route, PROPERTIES_FUNCTION.matcher(uri).replaceAll("{{$1}}")).trim();
        String scheme = resolved.contains(":") ? resolved.substring(0, resolved.indexOf(':')).toLowerCase(Locale.ROOT)
                : "";
        String rest = resolved.substring(scheme.length() + (scheme.isEmpty() ? 0 : 1)).replaceFirst("^//", "");
        return switch (scheme) {
            case "jms" -> "jms:queue:" + rest.replaceFirst("^queue:(//)?", "");
            case "http", "https" -> scheme + "://" + rest;
            default -> resolved;
        };
    }

    private String resolve(RouteDefinition route, String text) {
        Map<String, Object> parameters = route == null || route.getTemplateParameters() == null ? Map.of()
                : route.getTemplateParameters();
        return resolve(parameters, text);
    }

    private String resolve(Map<String, Object> parameters, String text) {
        String resolved = text;
        for (int i = 0; i < 5; i++) {
            Matcher matcher = TEMPLATE_PARAMETER.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                Object value = parameters.get(matcher.group(1));
                matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group()
                        : String.valueOf(value)));
            }
            matcher.appendTail(out);
            resolved = out.toString();
        }
        try {
            return context.resolvePropertyPlaceholders(resolved);
        } catch (RuntimeException e) {
            return resolved;
        }
    }

    private static boolean sameNode(LineNumberAware one, LineNumberAware other) {
        return one.getLineNumber() > 0 && one.getLineNumber() == other.getLineNumber()
                && String.valueOf(one.getLocation()).equals(String.valueOf(other.getLocation()));
    }

    private static String refusal(String rule, Send send, RouteDefinition route, String why) {
        return refusal(rule, send, "route " + route.getId(), why);
    }

    private static String refusal(String rule, Send send, String where, String why) {
        String location = String.valueOf(send.step().getLocation()).replaceFirst("^file:", "");
        return rule + ": " + location + " line " + send.step().getLineNumber() + " (" + where + "): " + why;
    }

    /** The steps of a route configuration's error handling and interceptors. */
    private static List<ProcessorDefinition<?>> configurationSteps(RouteConfigurationDefinition configuration) {
        List<ProcessorDefinition<?>> steps = new ArrayList<>();
        steps.addAll(configuration.getOnExceptions());
        steps.addAll(configuration.getOnCompletions());
        steps.addAll(configuration.getIntercepts());
        steps.addAll(configuration.getInterceptFroms());
        steps.addAll(configuration.getInterceptSendTos());
        return steps;
    }
}
