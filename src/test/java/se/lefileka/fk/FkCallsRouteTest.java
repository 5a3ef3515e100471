package se.lefileka.fk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import se.lefileka.budget.LanePace;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;
import se.lefileka.support.ReadmeRecipes;
import se.lefileka.calendar.OpeningSchedule;
import se.lefileka.lane.LaneRetry;
import se.lefileka.lefi.LefiApi;
import se.lefileka.lefi.LefiWire;
import se.lefileka.message.Headers;
import se.lefileka.support.Persons;
import se.lefileka.support.RouteFileTestSupport;

/**
 * An online query's call ({@code routes/fk-calls.camel.yaml}) through the online lane
 * ({@code fk-lanes.camel.yaml}), fast: FK is a mock endpoint in place of the HTTP client, the lane's
 * queue and the answer's reader mock endpoints too. What FK says decides what the lane does next.
 */
class FkCallsRouteTest extends RouteFileTestSupport {

    /** The retry time as shipped (lane.retry.max-millis). */
    private static final long RETRY_MILLIS = Long.parseLong(laneSettings().getProperty("lane.retry.max-millis"));

    private MockEndpoint fk;
    private MockEndpoint laneQueue;
    private MockEndpoint answers;

    @Override
    protected Properties settings() {
        return laneSettings();
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("lefiApi", new LefiApi(new LefiWire(LefiApi.mapperFor("v2"), "2120000142",
                new ObjectMapper().registerModule(new JavaTimeModule())), Clock.systemUTC()));
        bindLaneBeans(registry, OpeningSchedule.ALWAYS, LanePace.EVERY_CALL_DUE);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:online-answer").to("mock:answer");
                // the route that reads the answers of the call README's recipe adds
                from("direct:team-b-online-answer").to("mock:team-b");
            }
        };
    }

    @BeforeEach
    void loadTheCallAndTheLane() throws Exception {
        loadRoutes(List.of("fk-calls", "fk-lanes"), List.of("lefi-online", "online-lane"));
        // README's recipe "Adding a call to FK", as written there: one entry beside fk-calls.camel.yaml's
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("added-call.camel.yaml",
                ReadmeRecipes.yaml("Adding a call to FK")));
        for (String call : List.of("lefi-online", "lefi-online-team-b")) {
            AdviceWith.adviceWith(context, call,
                    route -> route.weaveByType(ToDefinition.class).selectFirst().replace().to("mock:fk"));
        }
        AdviceWith.adviceWith(context, "online-lane", lane -> {
            lane.replaceFromWith("direct:online-lane");
            lane.mockEndpointsAndSkip("jms:*");
        });
        context.start();
        fk = getMockEndpoint("mock:fk");
        laneQueue = getMockEndpoint("mock:jms:queue:lefi.lane.online");
        answers = getMockEndpoint("mock:answer");
    }

    @Test
    void fkBusyWithARetryAfterPutsTheCallBackOnTheLaneForThatLong() throws Exception {
        fk.whenAnyExchangeReceived(exchange -> answer(exchange, 503, "7", "{\"felkod\": \"OVERBELASTAD\"}"));
        laneQueue.expectedMessageCount(1);
        laneQueue.expectedHeaderReceived(Headers.ATTEMPTS, 1);
        answers.expectedMessageCount(0);

        long before = System.currentTimeMillis();
        call(Map.of());

        MockEndpoint.assertIsSatisfied(fk, laneQueue, answers);
        long due = laneQueue.getReceivedExchanges().get(0).getMessage().getHeader(LaneRetry.SCHEDULED_DELIVERY,
                Long.class);
        assertThat(due - before).as("FK's Retry-After, not the first back-off").isBetween(7000L, 8000L);
    }

    @Test
    void aCallFkCouldNotTakeForTheWholeRetryTimeIsAnsweredWithTheReasonAndNotPutBack() throws Exception {
        fk.whenAnyExchangeReceived(exchange -> answer(exchange, 500, null, "{\"felkod\": \"INTERNT_FEL\"}"));
        answers.expectedMessageCount(1);
        laneQueue.expectedMessageCount(0);

        call(Map.of(Headers.FIRST_FAILURE, System.currentTimeMillis() - RETRY_MILLIS - 1, Headers.ATTEMPTS, 30));

        MockEndpoint.assertIsSatisfied(answers, laneQueue);
        assertThat(answers.getReceivedExchanges().get(0).getMessage().getHeader(Headers.FAILURE, String.class))
                .startsWith("FK could not take the call for 60 minutes").contains("500");
    }

    @Test
    void aServiceWindowNeverCountsTowardsGivingUp() throws Exception {
        fk.whenAnyExchangeReceived(exchange -> answer(exchange, 503, "60", "{\"felkod\": \"SERVICEFONSTER\"}"));
        laneQueue.expectedMessageCount(1);
        answers.expectedMessageCount(0);

        call(Map.of(Headers.FIRST_FAILURE, System.currentTimeMillis() - RETRY_MILLIS - 1, Headers.ATTEMPTS, 30));

        MockEndpoint.assertIsSatisfied(laneQueue, answers);
        assertThat(laneQueue.getReceivedExchanges().get(0).getMessage().getHeader(Headers.FIRST_FAILURE))
                .as("the retry time starts again once FK is open").isNull();
    }

    @Test
    void anAnswerThatCannotBeReadIsAnsweredFailedWithTheReasonAndTheCallIsNotMadeAgain() throws Exception {
        fk.whenAnyExchangeReceived(exchange -> answer(exchange, 200, null, "{\"fragaId\": \"f\", \"personnummer\": \"19"));
        answers.expectedMessageCount(1);
        laneQueue.expectedMessageCount(0);

        call(Map.of());

        MockEndpoint.assertIsSatisfied(fk, answers, laneQueue);
        assertThat(answers.getReceivedExchanges().get(0).getMessage().getHeader(Headers.FAILURE, String.class))
                .isEqualTo("FK answered 200 (application/json) but its answer cannot be read: its JSON is cut short; "
                        + "FK is not asked again");
    }

    @Test
    void aCallAddedByOneEntryBesideTheOthersIsMadeOnItsBudgetsLaneAndItsAnswerReadByItsOwnRoute() throws Exception {
        fk.whenAnyExchangeReceived(exchange -> answer(exchange, 404, null, "{\"felkod\": \"PERSON_SAKNAS\"}"));
        fk.expectedMessageCount(1);
        MockEndpoint teamB = getMockEndpoint("mock:team-b");
        teamB.expectedMessageCount(1);
        answers.expectedMessageCount(0);
        laneQueue.expectedMessageCount(0);

        call("lefi-online-team-b", Map.of());

        MockEndpoint.assertIsSatisfied(fk, teamB, answers, laneQueue);
        assertThat(teamB.getReceivedExchanges().get(0).getMessage().getBody(QueryResult.class).status())
                .isEqualTo(ResultStatus.NOT_FOUND);
    }

    private void call(Map<String, Object> headers) {
        call("lefi-online", headers);
    }

    private void call(String name, Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(Headers.CALL, name);
        template.sendBodyAndHeaders("direct:online-lane", """
                {"requestId": "q-1", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30", "purpose": "HANDLAGGNING"}""".formatted(Persons.known(1)), all);
    }

    private static void answer(Exchange exchange, int status, String retryAfter, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (retryAfter != null) {
            exchange.getMessage().setHeader("Retry-After", retryAfter);
        }
        exchange.getMessage().setBody(body);
    }
}
