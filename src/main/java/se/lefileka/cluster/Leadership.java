package se.lefileka.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Which node does what only one node may do (calling FK, reading the inboxes): this node alone
 * ({@code bundle.cluster.mode=none}), or the leader that Camel's cluster service elects among the
 * nodes. The routes that only the leader runs carry its {@link #routePolicy()} (bean {@code leader}).
 */
public final class Leadership {

    private final CamelClusterService service;
    private final String namespace;
    private final CamelClusterView view;

    private Leadership(CamelClusterService service, String namespace, CamelClusterView view) {
        this.service = service;
        this.namespace = namespace;
        this.view = view;
    }

    /** One node, which leads. */
    public static Leadership single() {
        return new Leadership(null, null, null);
    }

    /** The leader the cluster service elects in the namespace. */
    public static Leadership of(CamelClusterService service, String namespace) throws Exception {
        return new Leadership(service, namespace, service.getView(namespace));
    }

    /** The node's name when {@code bundle.node.id} gives none: its host's name and its process id. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** Whether this node leads now. */
    public boolean leads() {
        return view == null || view.getLocalMember().isLeader();
    }

    /**
     * Whether this node competes to lead (on a single node: it leads); a node does not yet for an
     * organisation it does not prefer, until {@code bundle.cluster.others-delay-millis} after start.
     */
    public boolean competes() {
        return service == null || ServiceHelper.isStarted(service);
    }

    /** The route policy that runs a route on the leader only (on a single node: always). */
    public RoutePolicy routePolicy() throws Exception {
        return view == null ? new RoutePolicySupport() { } : ClusteredRoutePolicy.forNamespace(service, namespace);
    }

    /** Who leads, in words, for health. */
    public String describe() {
        if (view == null) {
            return "a single node (bundle.cluster.mode=none): it does all the work";
        }
        String self = view.getLocalMember().getId();
        if (leads()) {
            return "this node (" + self + ") leads";
        }
        if (!competes()) {
            return "this node (" + self + ") does not compete yet (it prefers other organisations)";
        }
        return "this node (" + self + ") stands by; " + view.getLeader().map(CamelClusterMember::getId)
                .filter(leader -> !leader.equals(self)).map(leader -> leader + " leads").orElse("another node leads");
    }
}
