package se.lefileka.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import se.lefileka.fk.FkError;
import se.lefileka.fk.UnreadableAnswerException;
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
}
