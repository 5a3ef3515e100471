package se.lefileka.fk;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Sends FK only the HTTP headers meant for it: the bundle's own {@code Lefi*}, {@code Leka*} and {@code Fk*} headers and the
 * broker's {@code JMS*} and {@code _AMQ*} properties never leave the bundle.
 */
public class FkHeaderFilterStrategy extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        setOutFilterStartsWith("Camel", "camel", "org.apache.camel", "Lefi", "lefi", "Leka", "leka", "Fk", "fk", "Bundle", "bundle", "JMS", "jms", "_AMQ", "_amq");
    }
}
