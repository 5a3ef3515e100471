package se.lefileka.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import se.lefileka.budget.FkCallMetrics;
import se.lefileka.budget.HeldBackException;
import se.lefileka.fk.FkError;
import se.lefileka.fk.UnreadableAnswerException;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

class LaneRetryTest {

    private final LaneRetry retry = new LaneRetry(Clock.systemUTC(), Duration.ofHours(1), Duration.ofSeconds(1),
            Duration.ofSeconds(60), Set.of("lefi-mass-poll"), 2, null);

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertThat(retry.delayMillis(1, null)).isEqualTo(1_000);
        assertThat(retry.delayMillis(2, null)).isEqualTo(2_000);
        assertThat(retry.delayMillis(4, null)).isEqualTo(8_000);
        assertThat(retry.delayMillis(30, null)).isEqualTo(60_000);
    }

    @Test
    void waitsAtLeastAsLongAsFkAsks() {
        assertThat(retry.delayMillis(1, 120)).isEqualTo(120_000);
        assertThat(retry.delayMillis(5, 1)).isEqualTo(16_000);
    }

    @Test
    void timeWhileFkIsClosedNeverCountsTowardsGivingUp() {
        LaneRetry shortRetry = new LaneRetry(Clock.systemUTC(), Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Set.of(), 0, null);
        Exchange call = new DefaultExchange(new DefaultCamelContext());
        call.setProperty(Exchange.EXCEPTION_CAUGHT, new FkError(503, "SERVICEFONSTER", "").unavailable("30"));
        shortRetry.scheduleRetry(call);
        assertThat(shortRetry.exhausted(call)).as("a service window").isFalse();
        assertThat(call.getMessage().getHeader(LaneRetry.SCHEDULED_DELIVERY, Long.class))
                .isGreaterThanOrEqualTo(System.currentTimeMillis() + 29_000);

        call.setProperty(Exchange.EXCEPTION_CAUGHT, new FkError(500, "TEKNISKT_FEL", "").unavailable(null));
        shortRetry.scheduleRetry(call);
        assertThat(shortRetry.exhausted(call)).as("a fault").isTrue();
    }

    @Test
    void onlyAReadWhoseAnswerCouldNotBeReadIsMadeAgainAndOnlyAFewTimes() {
        Exchange poll = new DefaultExchange(new DefaultCamelContext());
        poll.setProperty(Exchange.EXCEPTION_CAUGHT, new UnreadableAnswerException("its JSON is cut short"));
        poll.getMessage().setHeader(Headers.CALL, "lefi-mass-poll");
        assertThat(retry.readAgain(poll)).isTrue();
        assertThat(poll.getMessage().getHeader(LaneRetry.SCHEDULED_DELIVERY)).isNotNull();
        assertThat(retry.readAgain(poll)).isTrue();
        assertThat(retry.readAgain(poll)).as("a third unreadable answer").isFalse();

        Exchange submission = new DefaultExchange(new DefaultCamelContext());
        submission.getMessage().setHeader(Headers.CALL, "lefi-mass-submit");
        assertThat(retry.readAgain(submission)).as("a submission is never made again").isFalse();
        Exchange query = new DefaultExchange(new DefaultCamelContext());
        query.getMessage().setHeader(Headers.CALL, "lefi-online");
        assertThat(retry.readAgain(query)).as("an online query is never made again").isFalse();
    }

    /** What a lane does with a call that failed, decided in one place. */
    private final LaneRetry lane = new LaneRetry(Clock.systemUTC(), Duration.ofHours(1), Duration.ofSeconds(1),
            Duration.ofSeconds(60), Set.of("lefi-mass-poll"), 1,
            new FkCallMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), Map.of("online", 1, "mass", 2), Set.of()));

    @Test
    void aCallTheBudgetHeldBackGoesBackAsItCameUntilTheTimeTheBudgetSaid() {
        Exchange call = failed("lefi-online", new HeldBackException("the gate is closed", 4711L), false);

        lane.afterFailure(call);

        assertThat(call.getProperty(ExchangeProperties.LANE_NEXT)).isEqualTo("PUT_BACK");
        assertThat(call.getMessage().getHeader(LaneRetry.SCHEDULED_DELIVERY)).isEqualTo(4711L);
        assertThat(call.getMessage().getBody()).isEqualTo("{\"requestId\": \"r\"}");
        assertThat(call.getMessage().getHeaders()).as("the lane's own headers only")
                .containsOnlyKeys(Headers.CALL, "LefiRequestId", LaneRetry.SCHEDULED_DELIVERY);
    }

    @Test
    void aMessageForACallThatIsNotTheLanesIsDeadLetteredWithTheReason() {
        Exchange call = failed("lefi-mass-submit", new NotALaneCallException("online"), false);

        lane.afterFailure(call);

        assertThat(call.getProperty(ExchangeProperties.LANE_NEXT)).isEqualTo("DEAD_LETTER");
        assertThat(call.getMessage().getHeader(Headers.DEAD_LETTER_REASON)).isEqualTo("not a call of the online lane");
    }

    @Test
    void aFaultOfTheBundlesOwnIsNoReasonOfTheLanesAndRollsTheMessageBack() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> lane.afterFailure(failed("lefi-online", bug, false))).isSameAs(bug);
        assertThatThrownBy(() -> lane.afterFailure(failed("lefi-online", new Exception("checked"), false)))
                .isInstanceOf(RuntimeCamelException.class).hasRootCauseMessage("checked");
    }

    @Test
    void anAnswerFkGaveThatCannotBeReadIsReadAgainIfItWasAReadAndElseAnsweredFailed() {
        Exchange poll = failed("lefi-mass-poll", new UnreadableAnswerException("its JSON is cut short"), true);
        lane.afterFailure(poll);
        assertThat(poll.getProperty(ExchangeProperties.LANE_NEXT)).as("a poll, read again").isEqualTo("PUT_BACK");

        Exchange again = failed("lefi-mass-poll", new UnreadableAnswerException("its JSON is cut short"), true);
        again.getMessage().setHeader(Headers.UNREADABLE_ANSWERS, 1);
        lane.afterFailure(again);
        assertThat(again.getProperty(ExchangeProperties.LANE_NEXT)).as("read again once only").isEqualTo("ANSWER");
        assertThat(again.getMessage().getHeader(Headers.FAILURE, String.class)).contains("its JSON is cut short");

        Exchange query = failed("lefi-online", new UnreadableAnswerException("field 'x' is missing"), true);
        lane.afterFailure(query);
        assertThat(query.getProperty(ExchangeProperties.LANE_NEXT)).isEqualTo("ANSWER");
    }

    @Test
    void aCallFkCouldNotTakeGoesBackUntilTheRetryTimeIsOverThenIsAnsweredFailed() {
        Exchange busy = failed("lefi-online", new FkError(503, "OVERBELASTAD", "").unavailable("2"), true);
        lane.afterFailure(busy);
        assertThat(busy.getProperty(ExchangeProperties.LANE_NEXT)).isEqualTo("PUT_BACK");

        Exchange refused = failed("leka-fetch", new java.net.ConnectException("refused"), false);
        refused.getMessage().setHeader(Headers.FIRST_FAILURE, System.currentTimeMillis() - Duration.ofHours(2).toMillis());
        lane.afterFailure(refused);
        assertThat(refused.getProperty(ExchangeProperties.LANE_NEXT)).isEqualTo("ANSWER");
        assertThat(refused.getMessage().getHeader(Headers.FAILURE, String.class)).startsWith("FK could not take the call");
    }

    @Test
    void anAnswerThatCannotBeHandedOnTakesTheRequestToTheDeadLetterQueueWithWhatTheLaneCheckNeeds() {
        Exchange call = failed("lefi-mass-submit", new java.io.IOException("disk full"), true);
        call.getMessage().setHeader(Headers.BATCH_ID, "b");
        call.getMessage().setHeader(Headers.CHUNK_NO, 3);

        lane.answerUndelivered(call);

        assertThat(call.getProperty(ExchangeProperties.LANE_NEXT)).isEqualTo("DEAD_LETTER");
        assertThat(call.getMessage().getHeaders()).containsOnlyKeys(Headers.CALL, Headers.BATCH_ID, Headers.CHUNK_NO,
                Headers.DEAD_LETTER_REASON);
        assertThat(call.getMessage().getBody()).isEqualTo("{\"requestId\": \"r\"}");
    }

    /** A lane message whose call failed as given, with a header FK sent back. */
    private static Exchange failed(String callName, Exception cause, boolean fkAnswered) {
        Exchange call = new DefaultExchange(new DefaultCamelContext());
        call.setProperty(ExchangeProperties.LANE_REQUEST, "{\"requestId\": \"r\"}");
        call.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        call.setProperty(ExchangeProperties.FK_ANSWERED, fkAnswered);
        call.getMessage().setHeader(Headers.CALL, callName);
        call.getMessage().setHeader("LefiRequestId", "r");
        call.getMessage().setHeader("Content-Type", "text/html");
        call.getMessage().setBody("FK's answer");
        return call;
    }
}
