package se.lefileka.lane;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.budget.FkBudget;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

/**
 * Which calls a lane makes: the FK calls ({@code routes/fk-calls.camel.yaml}, one route each from
 * the {@code fk-call} template, its id the call's name, read from {@code direct:<call>}) whose
 * {@code budget} parameter is the lane's; the lane sends only to the routes it chooses. A lane
 * message asking for any other call (header
 * {@code FkCall}) is not made: it goes to the dead-letter queue.
 */
public class LaneCalls {

    /** The header a lane message named its call in before 2026-12. */
    static final String FORMER_CALL = "LefiCall";
    private static final Logger LOG = LoggerFactory.getLogger(LaneCalls.class);

    private final ModelCamelContext model;
    private volatile boolean formerNameSeen;

    public LaneCalls(CamelContext context) {
        this.model = (ModelCamelContext) context;
    }

    /**
     * Chooses the route of the call the message asks for among the budget's calls, and the route
     * that reads its answer (its entry's {@code then}): exchange properties
     * {@link ExchangeProperties#CALL_ROUTE} and {@link ExchangeProperties#ANSWER_ROUTE}, both taken
     * from the call's route as the bundle built it. Throws {@link NotALaneCallException} when the
     * message asks for none of them.
     */
    public void choose(Exchange exchange, String budget) {
        String call = exchange.getMessage().getHeader(Headers.CALL, String.class);
        if (call == null && exchange.getMessage().getHeader(FORMER_CALL) != null) {
            // put on the lane before an upgrade: the call as it was named then
            call = exchange.getMessage().getHeader(FORMER_CALL, String.class);
            exchange.getMessage().setHeader(Headers.CALL, call);
            if (!formerNameSeen) {
                formerNameSeen = true;
                LOG.warn("A lane message names its call in header {} (before 2026-12); it is {} now. Taken as such",
                        FORMER_CALL, Headers.CALL);
            }
        }
        RouteDefinition route = call == null ? null : model.getRouteDefinition(call);
        Map<String, Object> parameters = route == null ? null : route.getTemplateParameters();
        Route live = parameters == null ? null : model.getRoute(call);
        if (live == null || !budget.equals(parameters.get("budget"))
                || live.getEndpoint() != model.hasEndpoint("direct:" + call)) {
            FkBudget lanes = model.getRegistry().lookupByNameAndType(budget, FkBudget.class);
            throw new NotALaneCallException(lanes == null ? budget : lanes.name());
        }
        exchange.setProperty(ExchangeProperties.CALL_ROUTE, live.getEndpoint().getEndpointUri());
        exchange.setProperty(ExchangeProperties.ANSWER_ROUTE, "direct:" + parameters.get("then"));
    }
}
