package se.lefileka.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.intake.InputLimits;
import se.lefileka.budget.BudgetLimits;
import se.lefileka.budget.FkBudget;
import se.lefileka.lefi.LefiMassApi;
import se.lefileka.lefi.LefiWire;
import se.lefileka.mass.BatchFiles;
import se.lefileka.mass.MassBatches;
import se.lefileka.mass.MassCases;
import se.lefileka.mass.MassFeed;
import se.lefileka.mass.MassIntake;
import se.lefileka.mass.MassOutput;
import se.lefileka.mass.MassPace;
import se.lefileka.mass.MassLaneCheck;
import se.lefileka.mass.MassProgress;
import se.lefileka.mass.MassReconcile;
import se.lefileka.mass.MassTally;
import se.lefileka.budget.FkCallMetrics;
import se.lefileka.query.QueryValidator;

/** The beans of mass queries ({@code routes/mass-queries.camel.yaml}); each made when a route first needs it. */
public class MassConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public LefiMassApi lefiMassApi(LefiWire wire, Clock clock, MassCases cases) {
        return new LefiMassApi(wire, clock, cases::withRows);
    }

    /** The batches and their chunks, in the database. */
    @BindToRegistry(lazy = true)
    public MassBatches massBatches(DataSource dataSource, Clock clock) {
        return new MassBatches(dataSource, clock);
    }

    /** The batches' work files under the data folder. */
    @BindToRegistry(lazy = true)
    public BatchFiles batchFiles(@PropertyInject("bundle.data.dir") String dataDir,
                                 @BeanInject("bundleJson") ObjectMapper json) {
        return new BatchFiles(Path.of(dataDir), json);
    }

    @BindToRegistry(lazy = true)
    public MassIntake massIntake(@BeanInject("inputJson") ObjectMapper inputJson, InputLimits limits,
                                 QueryValidator validator, MassBatches batches, BatchFiles files, Clock clock,
                                 @PropertyInject("bundle.data.dir") String dataDir,
                                 @PropertyInject("lefi.api.version") String version,
                                 @PropertyInject("lefi.mass.chunk-size") int chunkSize,
                                 @PropertyInject("lefi.mass.group-max-bytes") long groupMaxBytes) {
        return new MassIntake(inputJson, limits, validator, batches, files, outbox(dataDir), clock, version,
                chunkSize, groupMaxBytes);
    }

    @BindToRegistry(lazy = true)
    public MassCases massCases(@BeanInject("bundleJson") ObjectMapper json, MassBatches batches, BatchFiles files,
                               Clock clock, @PropertyInject("lefi.api.version") String version) {
        return new MassCases(json, batches, files, clock, version);
    }

    /** When to poll a mass case: learned from how long FK takes cases, kept in the database. */
    @BindToRegistry(lazy = true)
    public MassPace massPace(DataSource dataSource, MassBatches batches,
                             @PropertyInject("lefi.api.version") String version,
                             @PropertyInject("lefi.mass.first-poll-millis") long firstPollMillis,
                             @PropertyInject("lefi.mass.max-poll-millis") long maxPollMillis,
                             @BeanInject("massBudgetLimits") BudgetLimits budget) {
        // case ages on the wall clock, as the broker schedules: the same on every node and across restarts
        return new MassPace(dataSource, batches, Clock.systemUTC(), version, firstPollMillis, maxPollMillis,
                budget.millisPerCall());
    }

    @BindToRegistry(lazy = true)
    public MassTally massTally(@BeanInject("bundleJson") ObjectMapper json) {
        return new MassTally(json);
    }

    /**
     * Where the mass tally keeps its counts: Camel's JDBC aggregation repository, in the bundle's
     * database. The same on H2 and PostgreSQL: Camel 4.18's PostgresAggregationRepository binds a
     * version its INSERT has no column for, and the tally has one consumer, so the optimistic
     * locking of the plain repository is all it needs.
     */
    @BindToRegistry(lazy = true)
    public JdbcAggregationRepository massTallyRepository(DataSource dataSource) {
        JdbcAggregationRepository repository = new JdbcAggregationRepository(
                new DataSourceTransactionManager(dataSource), "mass_tally", dataSource);
        repository.setUseRecovery(true);
        return repository;
    }

    @BindToRegistry(lazy = true)
    public MassOutput massOutput(@BeanInject("bundleJson") ObjectMapper json, MassBatches batches, BatchFiles files,
                                 @PropertyInject("bundle.data.dir") String dataDir,
                                 @PropertyInject("lefi.api.version") String version,
                                 @PropertyInject("lefi.mass.results-queue") String resultsQueue) {
        return new MassOutput(json, batches, files, outbox(dataDir), version, resultsQueue);
    }

    @BindToRegistry(lazy = true)
    public MassReconcile massReconcile(@BeanInject("bundleJson") ObjectMapper json, MassBatches batches) {
        return new MassReconcile(json, batches);
    }

    /** Batches taking turns on the mass lane: their chunks wait in the database. */
    @BindToRegistry(lazy = true)
    public MassFeed massFeed(@BeanInject("bundleJson") ObjectMapper json, MassBatches batches,
                             @PropertyInject("lane.mass.fed-ahead") int fedAhead) {
        return new MassFeed(json, batches, fedAhead);
    }

    @BindToRegistry(lazy = true)
    public MassLaneCheck massLaneCheck(@BeanInject("bundleJson") ObjectMapper json, MassBatches batches,
                                       @BeanInject BrokerQueues broker,
                                       @PropertyInject("lane.mass.queue") String laneQueue) {
        return new MassLaneCheck(json, batches, broker, laneQueue);
    }

    @BindToRegistry(lazy = true)
    public MassProgress massProgress(MassBatches batches, @BeanInject("massBudget") FkBudget budget, MassPace pace,
                                     Clock clock, @PropertyInject("lefi.mass.stuck-after-millis") long stuckAfterMillis,
                                     FkCallMetrics calls,
                                     @PropertyInject("lefi.mass.idle-after-millis") long idleAfterMillis) {
        return new MassProgress(batches, budget.gate(), pace::readyMillis, budget.limits().perWindow(), clock,
                Duration.ofMillis(stuckAfterMillis),
                () -> calls.millisSinceLastCall("mass"), Duration.ofMillis(idleAfterMillis));
    }

    private static Path outbox(String dataDir) {
        return Path.of(dataDir, "outbox", "mass");
    }
}
