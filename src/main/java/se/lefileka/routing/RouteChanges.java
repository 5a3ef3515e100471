package se.lefileka.routing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the console shows of the routes: whether changes apply live, a refused change, the last changes applied. */
public class RouteChanges {

    private final RouteReload reload;
    private final RouteChangeLog log;

    /** @param reload the live reload, null when {@code bundle.routes.reload} is off */
    public RouteChanges(RouteReload reload, RouteChangeLog log) {
        this.reload = reload;
        this.log = log;
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("reload", reload != null);
        status.put("checked", reload == null ? 0 : reload.checks());
        RouteReload.Refusal refusal = reload == null ? null : reload.refusal();
        status.put("refused", refusal == null ? null : Map.of("at", refusal.at().toString(), "files",
                List.copyOf(refusal.files()), "problems", refusal.problems()));
        try {
            status.put("changes", log.last(10).stream().map(change -> Map.of("at", change.at().toString(),
                    "file", change.file(), "kind", change.kind(), "started", List.copyOf(change.started()))).toList());
        } catch (IOException e) {
            status.put("changes", List.of());
        }
        return status;
    }
}
