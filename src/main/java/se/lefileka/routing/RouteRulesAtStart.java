package se.lefileka.routing;

import java.util.List;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/** Refuses to start routes that break a {@link RouteRules} rule: checked once they are built, before any starts. */
public class RouteRulesAtStart extends MainListenerSupport {

    @Override
    public void afterConfigure(BaseMainSupport main) {
        List<String> refusals = RouteRules.check(main.getCamelContext());
        if (!refusals.isEmpty()) {
            throw new RoutesRefused(refusals);
        }
    }

    /** The routes break a rule: each refusal names the rule, the file and line, and the route. */
    public static final class RoutesRefused extends RuntimeException {

        private final List<String> refusals;

        RoutesRefused(List<String> refusals) {
            super(String.join("; ", refusals));
            this.refusals = refusals;
        }

        public List<String> refusals() {
            return refusals;
        }
    }
}
