package se.lefileka.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.sandbox.SandboxNotifications;

/** LEKA notifications waiting at the sandbox, for persons the sandbox knows. */
public final class Notifications {

    private static final String[] EVENTS = {"NY", "ANDRAD", "UPPHORD"};

    private Notifications() {
    }

    /** Publishes {@code count} notifications (housing benefits and sickness benefits in turn); returns their ids. */
    public static List<String> publish(Sandbox sandbox, int count) {
        return publish(sandbox, "", count);
    }

    /** As {@link #publish(Sandbox, int)}, for the organisation (its organisationsnummer; empty: the sandbox's own). */
    public static List<String> publish(Sandbox sandbox, String organisation, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String benefit = i % 2 == 0 ? "BOSTADSBIDRAG" : "SJUKPENNING";
            ids.add(SandboxNotifications.publish(sandbox, organisation, Persons.known(i), benefit, EVENTS[i % 3],
                    LocalDate.of(2026, 12, 1)));
        }
        return ids;
    }
}
