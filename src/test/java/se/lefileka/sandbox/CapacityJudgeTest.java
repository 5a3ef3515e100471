package se.lefileka.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The judge finds each kind of breach, and finds none in a call pattern that keeps the rules. */
class CapacityJudgeTest {

    private final CapacityJudge judge = new CapacityJudge();

    @Test
    void aSecondCallWhileTheFirstIsInFlightBreaksTheOnlineThreadLimit() {
        assertThat(judge.start(Budget.ONLINE)).isNull();
        assertThat(judge.start(Budget.ONLINE)).isEqualTo(Rule.THREADS);
        assertThat(judge.breaches(Budget.ONLINE, Rule.THREADS)).isEqualTo(1);
    }

    @Test
    void aCallRightAfterAResponseBreaksTheGap() {
        judge.start(Budget.ONLINE);
        judge.end(Budget.ONLINE);
        assertThat(judge.start(Budget.ONLINE)).isEqualTo(Rule.GAP);
    }

    @Test
    void aThirdMassCallWithinASecondBreaksTheRateEvenOnFreeThreads() {
        assertThat(judge.start(Budget.MASS)).isNull();
        assertThat(judge.start(Budget.MASS)).isNull();
        assertThat(judge.start(Budget.MASS)).isEqualTo(Rule.PER_SECOND);
        assertThat(judge.breaches(Budget.ONLINE)).isZero();
    }

    @Test
    void sixMassCallsInFlightBreakTheFiveThreads() {
        Rule last = null;
        for (int i = 0; i < 6; i++) {
            last = judge.start(Budget.MASS);
        }
        assertThat(judge.breaches(Budget.MASS, Rule.THREADS)).isEqualTo(1);
        assertThat(last).isEqualTo(Rule.THREADS);
    }

    @Test
    void callsPacedAsTheSlaAllowsBreakNothing() {
        long millis = 1_000_000;
        long now = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(judge.start(Budget.ONLINE, now)).isNull();
            judge.end(Budget.ONLINE, now + 50 * millis);
            now += 1010 * millis;
        }
        assertThat(judge.breaches()).isZero();
        assertThat(judge.calls(Budget.ONLINE)).isEqualTo(3);
    }

    @Test
    void eachOrganisationsBudgetIsJudgedOnItsOwn() {
        assertThat(judge.start("2120000001", Budget.ONLINE)).isNull();
        assertThat(judge.start("2120000002", Budget.ONLINE)).isNull();
        assertThat(judge.start("2120000001", Budget.ONLINE)).isEqualTo(Rule.THREADS);
        assertThat(judge.breaches("2120000001")).isEqualTo(1);
        assertThat(judge.breaches("2120000002")).isZero();
        assertThat(judge.calls("2120000002", Budget.ONLINE)).isEqualTo(1);
        assertThat(judge.breaches()).isEqualTo(1);
        assertThat(judge.organisations()).containsExactlyInAnyOrder("2120000001", "2120000002");
    }
}
