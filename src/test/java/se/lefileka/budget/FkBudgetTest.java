package se.lefileka.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;
import se.lefileka.calendar.OpeningSchedule;

/** The one question a budget answers, "may this call leave now?", when the lane takes a call and at the wire. */
class FkBudgetTest {

    private static final BudgetLimits LIMITS = new BudgetLimits(50, 1000, 1, 0);
    private final Exchange call = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aCallLeavesWhileTheGateIsOpenThisNodeLeadsAndItIsDue() throws Exception {
        FkBudget budget = budget(OpeningSchedule.ALWAYS, true, LanePace.EVERY_CALL_DUE);

        budget.mayLeave(call);

        assertThat(budget.wire().execute(new HttpGet("http://fk.invalid/v2/onlinefragor"), null,
                (request, scope) -> new BasicClassicHttpResponse(200)).getCode()).isEqualTo(200);
    }

    @Test
    void aClosedGateHoldsTheCallBackForACheckInterval() {
        FkBudget budget = budget(closed(), true, LanePace.EVERY_CALL_DUE);
        long before = System.currentTimeMillis();

        assertThatThrownBy(() -> budget.mayLeave(call)).isInstanceOfSatisfying(HeldBackException.class,
                heldBack -> assertThat(heldBack.until() - before).isBetween(1_000L, 1_500L));
    }

    @Test
    void aNodeThatDoesNotLeadMakesNoCall() {
        FkBudget budget = budget(OpeningSchedule.ALWAYS, false, LanePace.EVERY_CALL_DUE);

        assertThatThrownBy(() -> budget.mayLeave(call)).isInstanceOf(HeldBackException.class)
                .hasMessage("this node does not lead");
    }

    @Test
    void aCallThatIsNotYetDueComesBackWhenThePaceSays() {
        long due = System.currentTimeMillis() + 42_000;
        FkBudget budget = budget(OpeningSchedule.ALWAYS, true, exchange -> due);

        assertThatThrownBy(() -> budget.mayLeave(call)).isInstanceOfSatisfying(HeldBackException.class,
                heldBack -> assertThat(heldBack.until()).isEqualTo(due));
    }

    @Test
    void theQuestionIsAskedAgainAtTheWireAndACallThatStoppedBeingDueDoesNotStart() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        FkBudget budget = budget(OpeningSchedule.ALWAYS, true,
                exchange -> asked.incrementAndGet() > 1 ? System.currentTimeMillis() + 60_000 : 0);
        AtomicBoolean started = new AtomicBoolean();

        budget.mayLeave(call);
        assertThatThrownBy(() -> budget.wire().execute(new HttpGet("http://fk.invalid/v2/massfragor/M-1"), null,
                (request, scope) -> {
                    started.set(true);
                    return new BasicClassicHttpResponse(200);
                })).isInstanceOf(HeldBackException.class);

        assertThat(asked).as("when the lane took it and at the wire").hasValue(2);
        assertThat(started).as("the call started").isFalse();
    }

    @Test
    void aCallOutsideTheLanesIsAskedAtTheWireWhetherTheBudgetTakesCallsNow() {
        FkBudget closed = budget(closed(), true, LanePace.EVERY_CALL_DUE);

        assertThatThrownBy(() -> closed.wire().execute(new HttpGet("http://fk.invalid/v2/onlinefragor"), null,
                (request, scope) -> new BasicClassicHttpResponse(200))).isInstanceOf(HeldBackException.class);
    }

    private static FkBudget budget(OpeningSchedule hours, boolean leads, LanePace pace) {
        return new FkBudget("test", LIMITS, new LaneGate("Test", hours, Clock.systemUTC(), 1000, Duration.ZERO, true),
                () -> leads, pace);
    }

    private static OpeningSchedule closed() {
        return new OpeningSchedule() {
            @Override
            public boolean isOpen(java.time.Instant instant) {
                return false;
            }

            @Override
            public java.time.Instant nextChange(java.time.Instant instant) {
                return java.time.Instant.MAX;
            }

            @Override
            public String describe(java.time.Instant instant) {
                return "closed";
            }
        };
    }
}
