package se.lefileka.sandbox;

import java.time.LocalDate;

/** What tests (and the benchmarks) queue at the sandbox's LEKA for the bundle to fetch. */
public final class SandboxNotifications {

    private SandboxNotifications() {
    }

    /** Queues a LEKA notification ({@code handelse}: NY, ANDRAD or UPPHORD); returns its id. */
    public static String publish(Sandbox sandbox, String personnummer, String formanstyp, String handelse,
                                 LocalDate validFrom) {
        return sandbox.leka().publish(personnummer, formanstyp, handelse, validFrom);
    }

    /** As {@link #publish(Sandbox, String, String, String, LocalDate)}, for the organisation (its organisationsnummer). */
    public static String publish(Sandbox sandbox, String organisation, String personnummer, String formanstyp,
                                 String handelse, LocalDate validFrom) {
        return sandbox.leka(organisation).publish(personnummer, formanstyp, handelse, validFrom);
    }
}
