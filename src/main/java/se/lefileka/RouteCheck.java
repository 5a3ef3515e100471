package se.lefileka;

/**
 * The route check under the name it had before 2026-12, for scripts that still use it: runs
 * {@link se.lefileka.routing.RouteCheck}, after a line that says its name now.
 */
@Deprecated(since = "2026-12")
public final class RouteCheck {

    public static void main(String... args) throws Exception {
        System.err.println("se.lefileka.RouteCheck is se.lefileka.routing.RouteCheck now; please use that name");
        se.lefileka.routing.RouteCheck.main(args);
    }

    private RouteCheck() {
    }
}
