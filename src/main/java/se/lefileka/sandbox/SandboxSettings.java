package se.lefileka.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the built-in sandbox stands in for FK, and the checks that keep it from being mistaken for
 * FK: it serves each service whose URL is unset, and the bundle refuses to start so if its
 * settings are a real installation's (an organisation other than the sandbox's, FK's TLS stores).
 */
public final class SandboxSettings {

    /** The organisation the shipped settings name, which only the sandbox knows. */
    public static final String ORGANISATIONSNUMMER = "2120000142";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSettings.class);

    /**
     * Whether the organisationsnummer is one of the sandbox's ({@value #ORGANISATIONSNUMMER} and the
     * others of 21200001xx, for the organisations of one bundle to try it side by side).
     */
    public static boolean isSandboxs(String organisationsnummer) {
        return organisationsnummer.matches("21200001\\d\\d");
    }

    private SandboxSettings() {
    }

    /** The services ({@code lefi}, {@code leka}) the sandbox is to serve: those whose URL is unset. */
    public static List<String> servedServices(UnaryOperator<String> settings) {
        List<String> served = new ArrayList<>();
        if (Boolean.parseBoolean(settings.apply("lefi.sandbox.enabled"))) {
            for (String service : List.of("lefi", "leka")) {
                if (settings.apply(service + ".url").isBlank()) {
                    served.add(service);
                }
            }
        }
        return served;
    }

    /**
     * Refuses a start in which the sandbox would answer an installation set up for FK, naming the
     * setting that is missing; otherwise warns, in a banner, that the answers are synthetic.
     */
    public static void check(List<String> served, UnaryOperator<String> settings) {
        if (served.isEmpty()) {
            return;
        }
        String missing = String.join(" and ", served.stream().map(service -> service + ".url").toList());
        String organisation = settings.apply("lefi.organisationsnummer");
        if (!isSandboxs(organisation)) {
            throw new IllegalStateException(missing + " not set, so the built-in sandbox would answer with "
                    + "synthetic data, yet lefi.organisationsnummer is set to a real organisation's. Set " + missing
                    + " to FK's address (or lefi.organisationsnummer back to the sandbox's " + ORGANISATIONSNUMMER
                    + " to try the bundle, or another of 21200001xx)");
        }
        for (String store : List.of("fk.tls.key-store", "fk.tls.trust-store")) {
            if (!settings.apply(store).isBlank()) {
                throw new IllegalStateException(missing + " not set, so the built-in sandbox would answer with "
                        + "synthetic data, yet " + store + " is set for FK. Set " + missing + " to FK's address");
            }
        }
        LOG.warn("""

                ************************************************************************
                *  SANDBOX: {} answered by the built-in sandbox with SYNTHETIC data.
                *  Nothing here comes from Försäkringskassan. Set {} to FK's address.
                ************************************************************************""",
                String.join(" and ", served).toUpperCase(), missing);
    }
}
