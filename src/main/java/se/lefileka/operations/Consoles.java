package se.lefileka.operations;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import se.lefileka.organisations.Organisations;

/**
 * The console of every organisation the bundle serves, on the default's server: one
 * organisation's status (the default's unless the page asks for another by its id), each with a
 * line per organisation for the view of all. The id only picks among the organisations the bundle
 * serves; any other is refused.
 */
public class Consoles {

    private final ConsoleStatus own;
    private final Supplier<Map<String, CamelContext>> organisations;

    /** @param organisations the Camel context of each organisation besides the default one, by id */
    public Consoles(ConsoleStatus own, Supplier<Map<String, CamelContext>> organisations) {
        this.own = own;
        this.organisations = organisations;
    }

    /** The organisation's status (blank: the default's), with every organisation's line. */
    public Map<String, Object> status(@Header("organisation") String organisation) throws SQLException {
        String id = organisation == null || organisation.isBlank() ? Organisations.DEFAULT : organisation.trim();
        Map<String, ConsoleStatus> all = all();
        ConsoleStatus chosen = all.get(id);
        if (chosen == null) {
            throw new UnknownOrganisationException("no organisation " + (id.matches("[a-z0-9-]{1,40}") ? id : "of that name")
                    + " in this bundle");
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("organisation", id);
        status.putAll(chosen.status());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map.Entry<String, ConsoleStatus> each : all.entrySet()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("organisation", each.getKey());
            line.putAll(each.getValue().summary());
            lines.add(line);
        }
        status.put("organisations", lines);
        return status;
    }

    /** The console was asked for an organisation the bundle does not serve. */
    public static final class UnknownOrganisationException extends IllegalArgumentException {
        UnknownOrganisationException(String message) {
            super(message);
        }
    }

    private Map<String, ConsoleStatus> all() {
        Map<String, ConsoleStatus> all = new LinkedHashMap<>();
        all.put(Organisations.DEFAULT, own);
        organisations.get().forEach((id, context) -> {
            ConsoleStatus theirs = context.getRegistry().lookupByNameAndType("consoleStatus", ConsoleStatus.class);
            if (theirs != null) {
                all.put(id, theirs);
            }
        });
        return all;
    }
}
