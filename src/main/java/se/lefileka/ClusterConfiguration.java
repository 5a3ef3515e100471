package se.lefileka;

import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.RoutePolicy;
import se.lefileka.cluster.Leadership;

/**
 * Two nodes, one leader: with {@code bundle.cluster.mode=file}, Camel's file-lock cluster service
 * on storage every node shares elects the leader, and only the leader runs the routes that carry
 * the {@code leader} policy (both lanes, the inboxes, the LEKA fetch and deliveries, the mass tally).
 * A standby takes JMS requests onto the shared queues and waits.
 */
public class ClusterConfiguration implements CamelConfiguration {

    /** The cluster service's namespace the nodes compete for. */
    static final String NAMESPACE = "lefi-leka-bundle";

    @BindToRegistry(lazy = true)
    public Leadership leadership(CamelContext context, @PropertyInject("bundle.cluster.mode") String mode,
                                 @PropertyInject("bundle.cluster.file.root") String root,
                                 @PropertyInject("bundle.node.id") String nodeId) throws Exception {
        if (!"file".equals(mode.trim())) {
            return Leadership.single();
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setId(nodeId.isBlank() ? Leadership.defaultNodeId() : nodeId.trim());
        service.setRoot(root.trim());
        // a standby tries the lock every second: it leads within seconds of the leader's end
        service.setAcquireLockDelay(1, TimeUnit.SECONDS);
        service.setAcquireLockInterval(1, TimeUnit.SECONDS);
        context.addService(service, true, true);
        return Leadership.of(service, NAMESPACE);
    }

    /** The route policy of the routes only the leader runs. */
    @BindToRegistry(lazy = true)
    public RoutePolicy leader(Leadership leadership) throws Exception {
        return leadership.routePolicy();
    }
}
