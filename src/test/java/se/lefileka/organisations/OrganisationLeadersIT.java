package se.lefileka.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BundleHttp;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.MassResults;
import se.lefileka.support.MassRows;
import se.lefileka.support.Persons;
import se.lefileka.support.Postgres;
import se.lefileka.support.Queries;
import se.lefileka.support.SlaJudged;
import se.lefileka.support.TwoNodes;

/**
 * A leader per organisation across two nodes (JVMs of their own on a shared folder, a standalone
 * broker and PostgreSQL, on the SLA's own limits): the organisations spread over the nodes as
 * each node prefers, and when the node leading one organisation is killed, only that organisation
 * moves (within 15 s) while the other node goes on leading its own; every query and row of each
 * organisation is answered once, and neither organisation's budget sees a breach.
 */
@SlaJudged
class OrganisationLeadersIT extends BundleTestSupport {

    private static final String B_NUMBER = "2120000143";
    private static final int QUERIES = 3;

    @TempDir
    Path infrastructure;
    @TempDir
    Path organisations;
    private TwoNodes nodes;

    @AfterEach
    void stopTheNodesAndTheBroker() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aKilledLeaderMovesOnlyItsOwnOrganisationAndEveryQueryIsAnsweredOnceWithoutABreach() throws Exception {
        sandbox.massWork(Duration.ofSeconds(3));
        Files.writeString(organisations.resolve("kommun-b.properties"), """
                lefi.organisationsnummer = %s
                bundle.db.url = %s
                bundle.db.user = postgres
                """.formatted(B_NUMBER, Postgres.newDatabase()));
        nodes = TwoNodes.start(data, sandbox, infrastructure,
                Map.of("bundle.organisations.dir", organisations.toString(), "bundle.cluster.others-delay-millis", "10000"),
                Map.of("bundle.cluster.preferred-organisations", "default"),
                Map.of("bundle.cluster.preferred-organisations", "kommun-b"));
        await().atMost(Duration.ofSeconds(30)).until(() -> organisationsSeenBy(nodes.httpB()).contains("kommun-b: Started, leads"));
        assertThat(organisationsSeenBy(nodes.httpA())).as("the organisations spread: a leads the default only")
                .containsPattern("kommun-b: Started, (waits to compete|stands by)");

        Path b = data.resolve("kommun-b");
        MassRows rows = MassRows.of(200, 0);
        Folders.drop(Files.createDirectories(b.resolve("inbox/mass")), "b-batch.csv", rows.csv());
        for (int i = 0; i < QUERIES; i++) {
            Folders.drop(Files.createDirectories(b.resolve("inbox/online")), "b-" + i + ".json",
                    Queries.online("b-" + i, Persons.known(i)));
            Folders.drop(Files.createDirectories(data.resolve("inbox/online")), "a-" + i + ".json",
                    Queries.online("a-" + i, Persons.known(100 + i)));
        }
        // kommun-b's leader in the middle of its work (a case open, a query answered), node a competing for it
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.massSubmissions() >= 1
                && !Folders.names(b.resolve("outbox/online")).isEmpty()
                && organisationsSeenBy(nodes.httpA()).contains("kommun-b: Started, stands by"));
        AtomicBoolean aStoppedLeadingTheDefault = new AtomicBoolean();
        nodes.b().kill();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String seen = BundleHttp.healthMessage(nodes.httpA(), "cluster");
            aStoppedLeadingTheDefault.compareAndSet(false, !seen.contains("this node (a) leads"));
            return organisationsSeenBy(nodes.httpA()).contains("kommun-b: Started, leads");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
        assertThat(aStoppedLeadingTheDefault).as("the default organisation's leader never changed").isFalse();

        await().atMost(Duration.ofSeconds(90)).until(() -> Folders.names(b.resolve("outbox/online")).size() >= QUERIES
                && Folders.names(data.resolve("outbox/online")).size() >= QUERIES);
        assertThat(Folders.names(b.resolve("outbox/online"))).as("each of kommun-b's queries answered once")
                .containsExactlyInAnyOrderElementsOf(names("b"));
        assertThat(Folders.names(data.resolve("outbox/online"))).as("each of the default's queries answered once")
                .containsExactlyInAnyOrderElementsOf(names("a"));
        // two chunks of 100 rows (the nodes' lefi.mass.chunk-size), each opening one case
        MassResults.assertCompletesOnce(b, "b-batch", rows, sandbox, 2);
        assertThat(sandbox.judge().breaches()).as(sandbox.judge().report()).isZero();
    }

    private static List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            names.add(prefix + "-" + i + ".json");
        }
        return names;
    }

    private static String organisationsSeenBy(int httpPort) {
        return BundleHttp.healthMessage(httpPort, "organisations");
    }
}
