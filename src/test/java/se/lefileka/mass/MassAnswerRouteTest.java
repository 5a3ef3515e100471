package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.database.Database;
import se.lefileka.lane.LaneRetry;
import se.lefileka.message.Headers;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;
import se.lefileka.support.RouteFileTestSupport;

/**
 * The mass chunk's states as {@code routes/mass-queries.camel.yaml} handles them (mass-answer,
 * mass-next-call), fast: the lane and the tally are mock endpoints, the beans the bundle's own on
 * an in-memory database.
 */
class MassAnswerRouteTest extends RouteFileTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final long FIRST_POLL_MILLIS = 2000;

    @TempDir
    static Path data;
    private MassBatches batches;
    private MassPace pace;
    private MockEndpoint lane;
    private MockEndpoint tally;

    @Override
    protected Properties settings() {
        Properties properties = new Properties();
        properties.put("lane.mass.queue", "lefi.lane.mass");
        properties.put("lane.mass.tally-queue", "lefi.mass.tally");
        properties.put("lefi.mass.first-poll-millis", String.valueOf(FIRST_POLL_MILLIS));
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Database database = inMemoryDatabase();
        Clock clock = Clock.systemUTC();
        batches = new MassBatches(database.dataSource(), clock);
        registry.bind("massCases", new MassCases(JSON, batches, new BatchFiles(data, JSON), clock, "v2"));
        pace = new MassPace(database.dataSource(), batches, clock, "v2", FIRST_POLL_MILLIS, 600_000, 515);
        registry.bind("massPace", pace);
        registry.bind("massReconcile", new MassReconcile(JSON, batches));
        registry.bind("auditLog", auditLog(database));
    }

    @BeforeEach
    void loadTheMassReplyRoutes() throws Exception {
        // the intake templates the file's intake routes are made from, then the file itself
        loadRoutes(List.of("intake", "mass-queries"), List.of("mass-answer", "mass-next-call"));
        for (String route : List.of("mass-answer", "mass-next-call")) {
            AdviceWith.adviceWith(context, route, advice -> advice.mockEndpointsAndSkip("jms:*"));
        }
        context.start();
        lane = getMockEndpoint("mock:jms:queue:lefi.lane.mass");
        tally = getMockEndpoint("mock:jms:queue:lefi.mass.tally");
    }

    @Test
    void anAcceptedChunkIsPolledAfterTheFirstPollTime() throws Exception {
        MassChunk chunk = chunk().withArendeId("case-1");
        lane.expectedMessageCount(1);
        lane.expectedHeaderReceived(Headers.CALL, "lefi-mass-poll");

        long before = System.currentTimeMillis();
        reply(MassAnswer.accepted(chunk), chunk);

        lane.assertIsSatisfied();
        assertThat(delayOf(lane.getReceivedExchanges().get(0)) - before).isBetween(FIRST_POLL_MILLIS, FIRST_POLL_MILLIS + 1000);
        assertThat(JSON.readValue(lane.getReceivedExchanges().get(0).getMessage().getBody(String.class), MassChunk.class)
                .arendeId()).isEqualTo("case-1");
        assertThat(tally.getReceivedCounter()).isZero();
    }

    @Test
    void anAcceptedChunkIsPolledWhenFkIsLearnedToBeReady() throws Exception {
        MassChunk probe = chunk().withArendeId("case-learned");
        template.send("direct:mass-answer", exchange -> {
            exchange.getMessage().setBody(MassAnswer.answered(probe, List.of()));
            exchange.getMessage().setHeader(Headers.BATCH_ID, probe.batchId());
            exchange.getMessage().setHeader(Headers.CALL, "lefi-mass-poll");
            exchange.getMessage().setHeader(Headers.CASE, "case-learned");
            exchange.getMessage().setHeader(Headers.CASE_OPENED, System.currentTimeMillis() - 30_000);
        });
        assertThat(pace.readyMillis()).as("learned from the first case").isBetween(30_000L, 31_000L);

        MassChunk chunk = chunk().withArendeId("case-5");
        lane.expectedMessageCount(1);
        long before = System.currentTimeMillis();
        reply(MassAnswer.accepted(chunk), chunk);

        lane.assertIsSatisfied();
        assertThat(delayOf(lane.getReceivedExchanges().get(0)) - before).isBetween(30_000L, 32_000L);
    }

    @Test
    void aPendingChunkIsPolledAgainAfterFksRetryAfter() throws Exception {
        MassChunk chunk = chunk().withArendeId("case-2");
        lane.expectedMessageCount(1);
        lane.expectedHeaderReceived(Headers.CALL, "lefi-mass-poll");

        long before = System.currentTimeMillis();
        reply(MassAnswer.pending(chunk, 7), chunk);

        lane.assertIsSatisfied();
        assertThat(delayOf(lane.getReceivedExchanges().get(0)) - before).isBetween(7000L, 8000L);
    }

    @Test
    void aPendingChunkWithoutRetryAfterWhileNothingIsLearnedWaitsForTheNextDoubledAgeAndItsPollsCount() throws Exception {
        MassChunk chunk = chunk().withArendeId("case-4");
        lane.expectedMessageCount(1);

        long before = System.currentTimeMillis();
        template.send("direct:mass-answer", exchange -> {
            exchange.getMessage().setBody(MassAnswer.pending(chunk, null));
            exchange.getMessage().setHeader(Headers.BATCH_ID, chunk.batchId());
            exchange.getMessage().setHeader(Headers.CALL, "lefi-mass-poll");
            exchange.getMessage().setHeader(Headers.CASE, "case-4");
            exchange.getMessage().setHeader(Headers.CASE_OPENED, before - 40_000);
        });

        lane.assertIsSatisfied();
        Exchange poll = lane.getReceivedExchanges().get(0);
        assertThat(delayOf(poll) - before).as("40 s old: on to 64 s (2 s doubled), at least half as old again")
                .isBetween(24_000L, 25_000L);
        assertThat(poll.getMessage().getHeader(Headers.POLLS_PENDING, Integer.class)).isEqualTo(1);
        assertThat(poll.getMessage().getHeader(Headers.CASE_OPENED, Long.class)).isEqualTo(before - 40_000);
        assertThat(batches.chunkProgress(chunk.batchId()).polls()).isEqualTo(1);
    }

    @Test
    void anExpiredChunkIsSubmittedAgainWithoutItsCaseAtOnce() throws Exception {
        MassChunk chunk = chunk().withArendeId("case-3");
        lane.expectedMessageCount(1);
        lane.expectedHeaderReceived(Headers.CALL, "lefi-mass-submit");

        reply(MassAnswer.expired(chunk), chunk);

        lane.assertIsSatisfied();
        Exchange submitted = lane.getReceivedExchanges().get(0);
        assertThat(submitted.getMessage().getHeader(LaneRetry.SCHEDULED_DELIVERY)).isNull();
        assertThat(JSON.readValue(submitted.getMessage().getBody(String.class), MassChunk.class).arendeId()).isNull();
    }

    @Test
    void anAnsweredChunkGoesToTheTallyAndMakesNoCall() throws Exception {
        MassChunk chunk = chunk();
        QueryResult result = QueryResult.problem("r-1", chunk.rows().get(0).query().personnummer(), ResultStatus.NOT_FOUND,
                Problem.failure("not found"), OffsetDateTime.now(), "v2").withLine(1);
        tally.expectedMessageCount(1);
        tally.expectedHeaderReceived(Headers.BATCH_ID, chunk.batchId());
        lane.expectedMessageCount(0);

        reply(MassAnswer.answered(chunk, List.of(result)), chunk);

        MockEndpoint.assertIsSatisfied(tally, lane);
        assertThat(batches.chunkProgress(chunk.batchId()).answered().get(ResultStatus.NOT_FOUND)).isEqualTo(1);
    }

    private void reply(MassAnswer reply, MassChunk chunk) {
        template.sendBodyAndHeader("direct:mass-answer", reply, Headers.BATCH_ID, chunk.batchId());
    }

    private static long delayOf(Exchange exchange) {
        return exchange.getMessage().getHeader(LaneRetry.SCHEDULED_DELIVERY, Long.class);
    }

    private MassChunk chunk() throws Exception {
        MassBatch batch = batches.create("b-" + UUID.randomUUID(), "test.csv", "file", "file:1:1", null, null);
        OnlineQuery query = new OnlineQuery("r-1", "199001012385", List.of("SJUKPENNING"), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 6, 30), "HANDLAGGNING");
        MassChunk chunk = new MassChunk(batch.id(), 1, UUID.randomUUID().toString(), "HANDLAGGNING", null,
                List.of(new MassChunk.Row(1, query)));
        batches.chunkMade(chunk);
        return chunk;
    }
}
