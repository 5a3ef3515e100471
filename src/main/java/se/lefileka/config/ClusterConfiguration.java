package se.lefileka.config;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.spi.RoutePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.cluster.Leadership;
import se.lefileka.organisations.Organisation;

/**
 * Two nodes, one leader: Camel's cluster service elects the leader, and only the leader runs the
 * routes that carry the {@code leader} policy (both lanes, the inboxes, the LEKA fetch and
 * deliveries, the mass tally). A standby takes JMS requests onto the shared queues and waits.
 * With {@code bundle.cluster.mode=file} the service is Camel's file lock on storage every node
 * shares; with {@code kubernetes}, Camel's Kubernetes lease. A leader that cannot renew its lease
 * gives up leading before the lease runs out, so before any other node could lead.
 */
public class ClusterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    /** The cluster service's namespace the nodes compete for. */
    static final String NAMESPACE = "lefi-leka-bundle";

    @BindToRegistry(lazy = true)
    public Leadership leadership(CamelContext context, @PropertyInject("bundle.cluster.mode") String mode,
                                 @PropertyInject("bundle.cluster.file.root") String root,
                                 @PropertyInject("bundle.node.id") String nodeId,
                                 @PropertyInject("bundle.cluster.kubernetes.master-url") String masterUrl,
                                 @PropertyInject("bundle.cluster.kubernetes.namespace") String namespace,
                                 @PropertyInject("bundle.cluster.kubernetes.lease") String lease,
                                 @PropertyInject("bundle.organisation") String organisation,
                                 @PropertyInject("bundle.cluster.preferred-organisations") String preferred,
                                 @PropertyInject("bundle.cluster.others-delay-millis") long othersDelayMillis)
            throws Exception {
        String id = nodeId.isBlank() ? Leadership.defaultNodeId() : nodeId.trim();
        CamelClusterService service = switch (mode.trim()) {
            case "none" -> null;
            case "file" -> fileLock(id, root.trim());
            case "kubernetes" -> kubernetesLease(id, masterUrl.trim(), namespace.trim(), lease.trim());
            default -> throw new IllegalArgumentException("bundle.cluster.mode is none, file or kubernetes, not " + mode);
        };
        if (service == null) {
            return Leadership.single();
        }
        if (!(service instanceof FileLockClusterService) || prefers(preferred, organisation)) {
            context.addService(service, true, true);
            return Leadership.of(service, NAMESPACE);
        }
        // a file lock's standby for this organisation until then: another node that prefers it leads it first
        Leadership leadership = Leadership.of(service, NAMESPACE);
        LOG.info("Organisation {}: this node competes to lead it {} ms after start (it prefers {})", organisation,
                othersDelayMillis, preferred);
        ScheduledExecutorService later = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "leader-of-" + organisation);
        later.schedule(() -> {
            try {
                context.addService(service, true, true);
            } catch (Exception e) {
                LOG.error("Organisation {}: this node cannot compete to lead it: {}", organisation, e.getMessage(), e);
            }
        }, othersDelayMillis, TimeUnit.MILLISECONDS);
        return leadership;
    }

    /**
     * Whether this node is to lead the organisation when it can: one of those
     * {@code bundle.cluster.preferred-organisations} names (empty: every one). With the file lock, a
     * node competes for another organisation's lock only {@code others-delay-millis} after start,
     * so that organisations spread over nodes that name different ones; once a leader is gone, any
     * node takes over. (A Kubernetes lease is competed for at once.)
     */
    static boolean prefers(String preferred, String organisation) {
        return preferred.isBlank() || Organisation.list(preferred).contains(organisation);
    }

    private static FileLockClusterService fileLock(String id, String root) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(id);
        service.setRoot(root);
        // a standby tries the lock every second: it leads within seconds of the leader's end
        service.setAcquireLockDelay(1, TimeUnit.SECONDS);
        service.setAcquireLockInterval(1, TimeUnit.SECONDS);
        return service;
    }

    /**
     * A Kubernetes lease: the leader renews it every 2 s; one it could not renew for 7 s makes it
     * stop leading, 3 s before the 10 s lease runs out and another node may take it.
     */
    private static KubernetesClusterService kubernetesLease(String id, String masterUrl, String namespace, String lease) {
        KubernetesConfiguration client = new KubernetesConfiguration();
        if (!masterUrl.isEmpty()) {
            // set on the client's configuration: the service's own setter is not used by its default one
            client.setMasterUrl(masterUrl);
        }
        KubernetesClusterService service = new KubernetesClusterService(client);
        service.setId(id);
        service.setPodName(id);
        if (!namespace.isEmpty()) {
            service.setKubernetesNamespace(namespace);
        }
        service.setKubernetesResourceName(lease);
        service.setLeaseDurationMillis(10_000);
        service.setRenewDeadlineMillis(7_000);
        service.setRetryPeriodMillis(2_000);
        return service;
    }

    /** The route policy of the routes only the leader runs. */
    @BindToRegistry(lazy = true)
    public RoutePolicy leader(Leadership leadership) throws Exception {
        return leadership.routePolicy();
    }
}
