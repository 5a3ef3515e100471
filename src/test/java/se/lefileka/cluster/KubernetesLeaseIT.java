package se.lefileka.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.lane.LaneRetry;
import se.lefileka.sandbox.Budget;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * {@code bundle.cluster.mode=kubernetes}: the leader holds a Lease on a Kubernetes API server (the
 * fabric8 server, keeping what it is sent as an API server does). When the API server is gone, the
 * leader cannot renew its lease; it stops calling FK before the lease runs out, so before any
 * other node could take the lease and lead. So does the leader of an organisation the bundle serves
 * besides the default one, which holds a lease of its own.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaseIT extends BundleTestSupport {

    /** The shipped prefix and the bundle's cluster namespace. */
    private static final String LEASE = "leaders-lefi-leka-bundle";
    /** The lease of the organisation kommun-b, which the bundle serves besides the default one. */
    private static final String LEASE_B = "leaders-kommun-b-lefi-leka-bundle";
    private static final String B_NUMBER = "2120000143";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(10);

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path organisations;

    @Test
    void aLeaderThatCannotRenewItsLeaseStopsCallingFkBeforeAnotherNodeCouldLead() throws Exception {
        // the bundle's pod, as Kubernetes knows it: only a pod of the cluster may lead
        client.pods().resource(new PodBuilder()
                .withNewMetadata().withName("pod-a").endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("bundle").withReady(true)
                .withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                .endStatus().build()).create();
        Map<String, String> settings = new HashMap<>(RunningBundle.LIFTED_LIMITS);
        settings.put("bundle.cluster.mode", "kubernetes");
        settings.put("bundle.cluster.kubernetes.master-url", client.getMasterUrl().toString());
        settings.put("bundle.cluster.kubernetes.namespace", client.getNamespace());
        settings.put("bundle.node.id", "pod-a");
        // no LEKA fetches: the online lane's calls are the test's queries
        settings.put("leka.notifications.first-fetch-millis", "600000");
        // an organisation besides the default one, with a lease of its own
        Files.writeString(organisations.resolve("kommun-b.properties"), "lefi.organisationsnummer = " + B_NUMBER + "\n");
        settings.put("bundle.organisations.dir", organisations.toString());
        bundle = RunningBundle.start(data, sandbox, settings);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster().contains("this node (pod-a) leads"));
        assertThat(lease(LEASE).getSpec().getHolderIdentity()).isEqualTo("pod-a");
        await().atMost(Duration.ofSeconds(30)).until(() -> lease(LEASE_B) != null);
        assertThat(lease(LEASE_B).getSpec().getHolderIdentity()).isEqualTo("pod-a");

        try (JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createTemporaryQueue();
            int sent = 0;
            ask(jms, replies, sent++, Instant.now());
            assertThat(jms.createConsumer(replies).receive(30_000)).as("the leader answers").isNotNull();

            // watch the lease's renewals closely, then take the API server away
            AtomicReference<Instant> lastRenewal = new AtomicReference<>(renewal());
            await().atMost(Duration.ofSeconds(10)).until(() -> renewal().isAfter(lastRenewal.get()));
            lastRenewal.set(renewal());
            await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(10)).until(() -> {
                Instant seen = renewal();
                if (seen.isAfter(lastRenewal.get())) {
                    lastRenewal.set(seen);
                    return true;
                }
                return false;
            });
            server.destroy();
            Instant apiGone = Instant.now();
            long apiGoneNanos = System.nanoTime();
            Instant anotherCouldLead = lastRenewal.get().plus(LEASE_DURATION);

            // queries keep coming, one every 100 ms (the broker delivers them when due), until well after the lease ran out
            Instant end = anotherCouldLead.plusSeconds(3);
            for (Instant due = apiGone; due.isBefore(end); due = due.plusMillis(100)) {
                ask(jms, replies, sent, due, "lefi.online.requests");
                ask(jms, replies, sent++, due, "kommun-b.lefi.online.requests");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(end));
            assertThat(sandbox.callsFrom(Budget.ONLINE, apiGone)).as("the leader went on while its lease held")
                    .isPositive();
            assertThat(sandbox.callsFrom(Budget.ONLINE, anotherCouldLead))
                    .as("FK calls after the lease ran out (renewed last at %s)", lastRenewal.get()).isZero();
            assertThat(cluster()).contains("this node (pod-a) stands by");
            // kommun-b's lease was renewed last before the API server went: no call of its after that and its duration
            long kommunBAfterItsLeaseHeld = sandbox.judge().starts(B_NUMBER, Budget.ONLINE).stream()
                    .filter(start -> start - apiGoneNanos > LEASE_DURATION.toNanos()).count();
            assertThat(sandbox.judge().starts(B_NUMBER, Budget.ONLINE).stream().filter(start -> start > apiGoneNanos))
                    .as("kommun-b's leader went on while its lease held").isNotEmpty();
            assertThat(kommunBAfterItsLeaseHeld).as("kommun-b's FK calls after its lease ran out").isZero();
        }
    }

    /** An online query over JMS, delivered by the broker at the instant given. */
    private static void ask(JMSContext jms, Queue replies, int i, Instant due) throws JMSException {
        ask(jms, replies, i, due, "lefi.online.requests");
    }

    private static void ask(JMSContext jms, Queue replies, int i, Instant due, String requests) throws JMSException {
        TextMessage query = jms.createTextMessage(Queries.online("k-" + i, Persons.known(i % 50)));
        query.setJMSReplyTo(replies);
        query.setLongProperty(LaneRetry.SCHEDULED_DELIVERY, due.toEpochMilli());
        jms.createProducer().send(jms.createQueue(requests), query);
    }

    private Lease lease(String name) {
        return client.leases().inNamespace(client.getNamespace()).withName(name).get();
    }

    private Instant renewal() {
        return lease(LEASE).getSpec().getRenewTime().toInstant();
    }

    private String cluster() {
        return BundleHttp.healthMessage(bundle.httpPort(), "cluster");
    }
}
