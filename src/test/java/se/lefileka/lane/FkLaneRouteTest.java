package se.lefileka.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jms.UncategorizedJmsException;
import org.junit.jupiter.api.Test;
import se.lefileka.budget.HeldBackException;
import se.lefileka.budget.LanePace;
import se.lefileka.calendar.OpeningSchedule;
import se.lefileka.fk.UnreadableAnswerException;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;
import se.lefileka.support.RouteFileTestSupport;

/**
 * The lane template ({@code routes/fk-lanes.camel.yaml}) on its own, fast: its queue and the calls
 * it makes are stand-ins, its budget, retry and call bookkeeping the bundle's own (the online
 * budget's hours the test's). Drives the branches the end-to-end tests reach only slowly or not at all.
 */
class FkLaneRouteTest extends RouteFileTestSupport {

    private final Schedule schedule = new Schedule();
    private MockEndpoint laneQueue;
    private MockEndpoint deadLetters;
    private MockEndpoint calls;
    private MockEndpoint answers;

    /** FK's opening hours as the test sets them. */
    static final class Schedule implements OpeningSchedule {
        volatile boolean open = true;

        @Override
        public boolean isOpen(Instant instant) {
            return open;
        }

        @Override
        public Instant nextChange(Instant instant) {
            return Instant.MAX;
        }

        @Override
        public String describe(Instant instant) {
            return open ? "open" : "closed";
        }
    }

    @Override
    protected Properties settings() {
        return laneSettings();
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        bindLaneBeans(registry, schedule, LanePace.EVERY_CALL_DUE);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // FK calls as fk-calls.camel.yaml makes them (a route from a template with the call's
                // name, its budget and the route that reads its answer), FK a mock endpoint
                routeTemplate("fk-call").templateParameter("call").templateParameter("budget")
                        .templateParameter("then").templateParameter("fk")
                        .from("direct:{{call}}").to("{{fk}}");
                callStandIn("lefi-online", "onlineBudget", "online-answer", "mock:call");
                callStandIn("leka-fetch", "onlineBudget", "notifications-fetched", "mock:fetch");
                callStandIn("lefi-mass-submit", "massBudget", "mass-answer", "mock:submit");
                from("direct:online-answer").routeId("online-answer").to("mock:answer");
                from("direct:notifications-fetched").to("mock:fetched");
            }

            private void callStandIn(String call, String budget, String then, String fk) {
                templatedRoute("fk-call").routeId(call).parameter("call", call).parameter("budget", budget)
                        .parameter("then", then).parameter("fk", fk);
            }
        };
    }

    @BeforeEach
    void loadTheLaneRoutes() throws Exception {
        loadRoutes(List.of("fk-lanes"), List.of("online-lane", "mass-lane"));
        AdviceWith.adviceWith(context, "online-lane", lane -> {
            lane.replaceFromWith("direct:online-lane");
            lane.mockEndpointsAndSkip("jms:*");
        });
        AdviceWith.adviceWith(context, "mass-lane", lane -> lane.replaceFromWith("direct:mass-lane"));
        context.start();
        laneQueue = getMockEndpoint("mock:jms:queue:lefi.lane.online");
        deadLetters = getMockEndpoint("mock:jms:queue:lefi.dead-letter");
        calls = getMockEndpoint("mock:call");
        answers = getMockEndpoint("mock:answer");
    }

    @Test
    void aCallWhileTheGateIsClosedIsPutBackForLaterAndNotMade() throws Exception {
        schedule.open = false;
        laneQueue.expectedMessageCount(1);
        laneQueue.expectedHeaderReceived(Headers.CALL, "lefi-online");
        laneQueue.message(0).header(LaneRetry.SCHEDULED_DELIVERY).isNotNull();
        calls.expectedMessageCount(0);
        answers.expectedMessageCount(0);

        send("{\"requestId\": \"closed\"}");

        MockEndpoint.assertIsSatisfied(laneQueue, calls, answers);
    }

    @Test
    void aCallTheBudgetHoldsBackAtTheWireIsPutBackUntilTheTimeItSaysAndNotAnswered() throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        calls.whenAnyExchangeReceived(exchange -> {
            throw new HeldBackException("the call is not yet due", until);
        });
        laneQueue.expectedMessageCount(1);
        laneQueue.expectedHeaderReceived(LaneRetry.SCHEDULED_DELIVERY, until);
        laneQueue.expectedBodiesReceived("{\"requestId\": \"not-due-any-more\"}");
        answers.expectedMessageCount(0);
        deadLetters.expectedMessageCount(0);

        send("{\"requestId\": \"not-due-any-more\"}");

        MockEndpoint.assertIsSatisfied(laneQueue, answers, deadLetters);
    }

    @Test
    void aMessageAskingForAnotherBudgetsCallARouteThatIsNoCallOrNoneGoesToTheDeadLetterQueueUnread() throws Exception {
        deadLetters.expectedMessageCount(3);
        deadLetters.expectedHeaderReceived("LefiDeadLetterReason", "not a call of the online lane");
        getMockEndpoint("mock:submit").expectedMessageCount(0);
        calls.expectedMessageCount(0);

        template.sendBodyAndHeader("direct:online-lane", "{}", Headers.CALL, "lefi-mass-submit");
        template.sendBodyAndHeader("direct:online-lane", "{}", Headers.CALL, "online-answer");
        template.sendBody("direct:online-lane", "{}");

        MockEndpoint.assertIsSatisfied(deadLetters, calls, getMockEndpoint("mock:submit"));
    }

    @Test
    void aMessageAskingForACallThatIsNotTheLanesGoesToTheDeadLetterQueueUnread() throws Exception {
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedHeaderReceived("LefiDeadLetterReason", "not a call of the online lane");
        deadLetters.expectedBodiesReceived("{\"chunk\": 1}");
        calls.expectedMessageCount(0);
        answers.expectedMessageCount(0);

        template.sendBodyAndHeader("direct:online-lane", "{\"chunk\": 1}", Headers.CALL, "lefi-mass-submit");

        MockEndpoint.assertIsSatisfied(deadLetters, calls, answers);
    }

    @Test
    void eachCallIsMadeByItsRouteAndItsAnswerReadByItsOwn() throws Exception {
        MockEndpoint fetch = getMockEndpoint("mock:fetch");
        MockEndpoint fetched = getMockEndpoint("mock:fetched");
        fetch.expectedMessageCount(1);
        fetched.expectedMessageCount(1);
        calls.expectedMessageCount(0);
        answers.expectedMessageCount(0);

        template.sendBodyAndHeader("direct:online-lane", "{}", Headers.CALL, "leka-fetch");

        MockEndpoint.assertIsSatisfied(fetch, fetched, calls, answers);
    }

    @Test
    void aMessagePutOnTheLaneBeforeTheUpgradeNamesItsCallAsThenAndIsStillMade() throws Exception {
        MockEndpoint fetch = getMockEndpoint("mock:fetch");
        fetch.expectedMessageCount(1);
        fetch.expectedHeaderReceived(Headers.CALL, "leka-fetch");
        deadLetters.expectedMessageCount(0);

        template.sendBodyAndHeader("direct:online-lane", "{}", "LefiCall", "leka-fetch");

        MockEndpoint.assertIsSatisfied(fetch, deadLetters);
    }

    @Test
    void aCallFkCouldNotTakeGoesBackOnTheLaneWithABackOffAndNoAnswer() throws Exception {
        calls.whenAnyExchangeReceived(exchange -> {
            throw new IOException("connection refused");
        });
        laneQueue.expectedMessageCount(1);
        laneQueue.expectedHeaderReceived(Headers.ATTEMPTS, 1);
        laneQueue.message(0).header(LaneRetry.SCHEDULED_DELIVERY).isNotNull();
        answers.expectedMessageCount(0);

        send("{\"requestId\": \"refused\"}");

        MockEndpoint.assertIsSatisfied(laneQueue, answers);
        assertThat(laneQueue.getReceivedExchanges().get(0).getMessage().getBody(String.class))
                .as("the request as it came").isEqualTo("{\"requestId\": \"refused\"}");
    }

    @Test
    void anAnswerThatCannotBeDeliveredGoesToTheDeadLetterQueueAndTheCallIsNotMadeAgain() throws Exception {
        answers.whenAnyExchangeReceived(exchange -> {
            throw new IOException("disk full");
        });
        calls.expectedMessageCount(1);
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedHeaderReceived("LefiDeadLetterReason",
                "the call was made; its answer could not be delivered (IOException)");
        laneQueue.expectedMessageCount(0);

        send("{\"requestId\": \"undeliverable\"}");

        MockEndpoint.assertIsSatisfied(calls, deadLetters, laneQueue);
    }

    @Test
    void anAnswerTheBrokerCannotTakeDuringAFailoverRollsTheMessageBackInsteadOfDeadLetteringIt() throws Exception {
        answers.whenAnyExchangeReceived(exchange -> {
            throw new UncategorizedJmsException("AMQ219010: Connection is destroyed");
        });
        deadLetters.expectedMessageCount(0);
        laneQueue.expectedMessageCount(0);

        assertThatThrownBy(() -> send("{\"requestId\": \"failover\"}")).as("the JMS transaction rolls back")
                .hasRootCauseInstanceOf(UncategorizedJmsException.class);

        MockEndpoint.assertIsSatisfied(deadLetters, laneQueue);
    }

    @Test
    void anAnswerFkGaveThatIsNotJsonIsAnsweredFailedWithTheReasonAndFkIsNotAskedAgain() throws Exception {
        calls.whenAnyExchangeReceived(exchange -> answeredWith(exchange, "text/html",
                () -> new ObjectMapper().readTree("<html><body>19900101-2384</body></html>")));
        calls.expectedMessageCount(1);
        answers.expectedMessageCount(1);
        laneQueue.expectedMessageCount(0);
        deadLetters.expectedMessageCount(0);

        send("{\"requestId\": \"html\"}");

        MockEndpoint.assertIsSatisfied(calls, answers, laneQueue, deadLetters);
        String failure = answers.getReceivedExchanges().get(0).getMessage().getHeader(Headers.FAILURE, String.class);
        assertThat(failure).isEqualTo("FK answered 200 (text/html) but its answer cannot be read: it is not JSON "
                + "(at line 1, column 1); FK is not asked again").doesNotContain("2384");
        assertThat(answers.getReceivedExchanges().get(0).getMessage().getBody(String.class))
                .as("the request as it came, for the answer's reader").isEqualTo("{\"requestId\": \"html\"}");
    }

    @Test
    void anyFailureInReadingWhatFkAnsweredEndsTheCallInsteadOfRollingItBack() throws Exception {
        calls.whenAnyExchangeReceived(exchange -> answeredWith(exchange, "application/json", () -> {
            throw new UnreadableAnswerException("field 'giltigFrom' is missing");
        }));
        answers.expectedMessageCount(1);
        answers.expectedHeaderReceived(Headers.FAILURE, "FK answered 200 (application/json) but its answer cannot "
                + "be read: field 'giltigFrom' is missing; FK is not asked again");
        laneQueue.expectedMessageCount(0);

        send("{\"requestId\": \"missing-field\"}");

        MockEndpoint.assertIsSatisfied(answers, laneQueue);
    }

    /** What a call route does once FK has answered: notes it, then reads the answer. */
    private static void answeredWith(Exchange exchange, String contentType, Callable<?> read) throws Exception {
        exchange.setProperty(ExchangeProperties.FK_ANSWERED, true);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        read.call();
    }

    private void send(String request) {
        template.sendBodyAndHeader("direct:online-lane", request, Headers.CALL, "lefi-online");
    }
}
