package se.lefileka.lane;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import se.lefileka.message.Headers;

/**
 * Which calls a lane makes: the FK calls ({@code routes/fk-calls.camel.yaml}, one route each from
 * the {@code fk-call} template, its id the call's name, read from {@code direct:<call>}) whose
 * {@code budget} parameter is the lane's. A lane message asking for any other call (header
 * {@code LefiCall}) is not made: it goes to the dead-letter queue.
 */
public class LaneCalls {

    private final ModelCamelContext model;

    public LaneCalls(CamelContext context) {
        this.model = (ModelCamelContext) context;
    }

    /** Throws {@link NotALaneCallException} unless the message asks for one of the budget's calls. */
    public void check(Exchange exchange, String budget) {
        String call = exchange.getMessage().getHeader(Headers.CALL, String.class);
        RouteDefinition route = call == null ? null : model.getRouteDefinition(call);
        Map<String, Object> parameters = route == null ? null : route.getTemplateParameters();
        Route live = parameters == null ? null : model.getRoute(call);
        if (live == null || !budget.equals(parameters.get("budget"))
                || live.getEndpoint() != model.hasEndpoint("direct:" + call)) {
            throw new NotALaneCallException(budget);
        }
    }
}
