package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.lefileka.database.Database;
import se.lefileka.message.Headers;
import se.lefileka.support.StoppedClock;

/** When a mass case is polled: what the pace learns from FK's answers, and what it lets the lane do. */
class MassPaceTest {

    private static final long FIRST_POLL = 2_000;
    private static final long CAP = 600_000;
    /** A mass budget of 2 calls in 1030 ms. */
    private static final long MILLIS_PER_CALL = 515;
    /** When the poll last held back comes back (epoch millis). */
    private long heldUntil;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final StoppedClock clock = new StoppedClock(Instant.parse("2026-11-24T09:00:00Z"));
    private DataSource database;
    private MassBatches batches;
    private MassPace pace;

    @BeforeEach
    void freshDatabase() throws Exception {
        Database migrated = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        migrated.migrate();
        database = migrated.dataSource();
        batches = new MassBatches(database, clock);
        pace = pace("v2");
    }

    private MassPace pace(String apiVersion) {
        return new MassPace(database, batches, clock, apiVersion, FIRST_POLL, CAP, MILLIS_PER_CALL);
    }

    @Test
    void whileNothingIsLearnedTheOldestCaseProbesAndTheOthersWaitForIt() {
        Exchange probe = accepted("oldest");
        later(1_000);
        Exchange other = accepted("younger");
        assertThat(pace.accepted(reply("younger"), other)).isEqualTo(FIRST_POLL);

        later(15_000);
        assertThat(pace.notYetDue(poll(other))).as("a younger case waits, though it asks first").isTrue();
        assertThat(pace.notYetDue(poll(probe))).as("the oldest case probes").isFalse();

        // the probe is still worked on at 16 s: its next age on the series 2 s, 2.8 s, 4 s, ... is 22.6 s
        assertThat(pace.pending(MassAnswer.pending(null, null), probe)).isEqualTo(22_627 - 16_000);
        heldUntil = pace.holdUntil(other);
        assertThat(heldFor()).as("the other looks again just after the probe's next poll")
                .isBetween(6_627L, 6_627L + 1_500);

        later(6_627);
        pace.answered(poll(probe));
        assertThat(pace.readyMillis()).as("the probe's age when found ready").isEqualTo(22_627);
        assertThat(pace.notYetDue(poll(other))).as("the other case, opened a second later, is not that old yet")
                .isTrue();
        later(1_000);
        assertThat(pace.notYetDue(poll(other))).isFalse();
    }

    @Test
    void aProbeHeldBehindSubmissionsStaysTheProbe() throws Exception {
        List<MassChunk> waiting = chunksWaiting("waiting", 200);
        Exchange probe = accepted("probe");
        later(FIRST_POLL);
        assertThat(pace.notYetDue(poll(probe))).isTrue();
        heldUntil = pace.holdUntil(probe);
        Exchange other = accepted("other");
        later(200 * MILLIS_PER_CALL);
        submitted(waiting);
        later(1_000);
        assertThat(pace.notYetDue(poll(other))).as("over a minute since the probe's first poll was due, yet it was held")
                .isTrue();
        assertThat(pace.notYetDue(poll(probe))).isFalse();
    }

    @Test
    void aProbePollThatCameLateDoesNotPushTheNextOnesLater() {
        Exchange probe = accepted("late-probe");
        later(FIRST_POLL);
        assertThat(pace.notYetDue(poll(probe))).isFalse();
        assertThat(pace.pending(MassAnswer.pending(null, null), probe)).isEqualTo(FIRST_POLL);
        // its next poll, due at 4 s, waited its turn behind submissions until 20 s
        later(18_000);
        assertThat(pace.pending(MassAnswer.pending(null, null), probe)).as("on to 32 s, not 40 s")
                .isEqualTo(12_000);
        later(12_000);
        assertThat(pace.pending(MassAnswer.pending(null, null), probe)).as("32 s: on to 45.3 s").isEqualTo(13_255);
    }

    @Test
    void aFirstPollThatFindsTheCaseStillWorkedOnRaisesTheTimeAndOneThatFindsItReadyLowersItALittle() {
        learn(60_000);
        Exchange slow = accepted("slow");
        later(60_000);
        assertThat(pace.notYetDue(poll(slow))).isFalse();
        long back = pace.pending(MassAnswer.pending(null, null), slow);
        long raised = pace.readyMillis();
        assertThat(raised).isGreaterThan(70_000L);
        assertThat(back).as("not before the raised time").isEqualTo(raised - 60_000);

        Exchange quick = accepted("quick");
        later(raised);
        pace.answered(poll(quick));
        assertThat(pace.readyMillis()).isLessThan(raised).isGreaterThan(raised * 95 / 100);
    }

    @Test
    void theFirstCasesAfterTheProbeMoveTheTimeFurtherThanTheOnesAfterThem() {
        learn(100_000);
        List<Double> raises = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long before = pace.readyMillis();
            Exchange slow = accepted("slow-" + i);
            later(before);
            pace.pending(MassAnswer.pending(null, null), slow);
            raises.add((double) pace.readyMillis() / before);
        }
        assertThat(raises.get(0)).as("the first").isCloseTo(Math.exp(0.5 * 0.95), within(0.001));
        assertThat(raises.get(1)).as("the second").isCloseTo(Math.exp(0.25 * 0.95), within(0.001));
        assertThat(raises.subList(2, 4)).as("then").allSatisfy(raise -> assertThat(raise)
                .isCloseTo(Math.exp(0.2 * 0.95), within(0.001)));

        long before = pace.readyMillis();
        Exchange slow = accepted("after-restart");
        later(before);
        pace("v2").pending(MassAnswer.pending(null, null), slow);
        assertThat(pace("v2").readyMillis()).as("a restart keeps how many cases it rests on")
                .isCloseTo(Math.round(before * Math.exp(0.2 * 0.95)), within(2L));
    }

    @Test
    void aCaseStillWorkedOnPastTheLearnedTimeWaitsAQuarterOfItsAge() {
        learn(60_000);
        Exchange slow = accepted("slow");
        later(60_000);
        pace.pending(MassAnswer.pending(null, null), slow);
        later(pace.readyMillis() - 60_000);
        long age = pace.readyMillis();
        assertThat(pace.pending(MassAnswer.pending(null, null), slow)).isEqualTo(age / 4);
    }

    @Test
    void aCaseFirstPolledLongAfterItsTimeTeachesNothing() {
        learn(60_000);
        Exchange late = accepted("late");
        later(200_000);
        pace.answered(poll(late));
        assertThat(pace.readyMillis()).as("ready after 200 s says nothing of 60 s").isEqualTo(60_000L);
    }

    @Test
    void aFirstPollWaitsForTheLearnedTimeAndFksRetryAfterIsFollowed() {
        learn(30_000);
        Exchange young = accepted("young");
        assertThat(pace.accepted(reply("young"), young)).isEqualTo(30_000);
        later(10_000);
        assertThat(pace.notYetDue(poll(young))).as("a poll unlikely to find its case ready").isTrue();
        heldUntil = pace.holdUntil(young);
        assertThat(heldFor()).isBetween(19_000L, 20_500L);

        later(20_000);
        assertThat(pace.notYetDue(poll(young))).isFalse();
        assertThat(pace.pending(MassAnswer.pending(null, 7), young)).isEqualTo(7_000);
        assertThat(pace.notYetDue(poll(young))).as("FK said when").isFalse();
    }

    @Test
    void waitsBetweenPollsStayWithinTheBounds() {
        learn(10 * CAP);
        Exchange old = accepted("old");
        later(10 * CAP);
        assertThat(pace.pending(MassAnswer.pending(null, null), old)).isEqualTo(CAP);
    }

    @Test
    void aProbeWhoseBatchEndedIsForgottenAndAnotherCaseProbes() {
        Exchange probe = accepted("ended");
        Exchange other = accepted("other");
        later(FIRST_POLL);
        assertThat(pace.notYetDue(poll(probe))).isFalse();
        assertThat(pace.notYetDue(poll(other))).isTrue();
        pace.forget(probe);
        assertThat(pace.notYetDue(poll(other))).as("the other case probes now").isFalse();
    }

    @Test
    void aPollOfACaseOpenedByANodeWhoseClockIsAheadIsNotHeld() {
        learn(30_000);
        Exchange ahead = accepted("ahead");
        ahead.getMessage().setHeader(Headers.CASE_OPENED, clock.millis() + 60_000);
        assertThat(pace.notYetDue(poll(ahead))).isFalse();
    }

    @Test
    void aRestartKeepsTheLearnedTime() {
        learn(45_000);
        assertThat(pace("v2").readyMillis()).isEqualTo(45_000);
        assertThat(pace("v1").readyMillis()).as("per API version").isNull();
    }

    @Test
    void whileChunksWaitToBeSubmittedNoPollIsMadeHoweverDueAndItIsHeldUntilTheyAreSubmitted() throws Exception {
        learn(30_000);
        Exchange ready = accepted("ready");
        Exchange toldWhen = accepted("told-when");
        later(50_000);
        pace.pending(MassAnswer.pending(null, 5), toldWhen);
        later(5_000);
        List<MassChunk> waiting = chunksWaiting("waiting", 10);

        assertThat(pace.notYetDue(poll(ready))).as("a case past its learned time").isTrue();
        assertThat(pace.notYetDue(poll(toldWhen))).as("a case past FK's Retry-After").isTrue();
        heldUntil = pace.holdUntil(ready);
        assertThat(heldFor()).as("about as long as ten submissions take at the budget's rate")
                .isBetween(10 * MILLIS_PER_CALL - 500, 10 * MILLIS_PER_CALL + 500);

        submitted(waiting.subList(0, 9));
        later(500);
        heldUntil = pace.holdUntil(ready);
        assertThat(heldFor()).as("never less than a second: held polls do not circle the queue (spread over the "
                + "nine cases open)").isBetween(500L, 1_000L + 9 * MILLIS_PER_CALL);

        batches.chunkSubmitted(waiting.get(9).withArendeId("case-last"));
        later(500);
        assertThat(pace.notYetDue(poll(ready))).as("every chunk submitted").isFalse();
        assertThat(pace.notYetDue(poll(toldWhen))).isFalse();
    }

    @Test
    void manyHeldPollsComeBackSpreadOverTheTimeTheyTakeNotAllTogether() throws Exception {
        learn(30_000);
        List<MassChunk> open = chunksWaiting("open", 100);
        submitted(open);
        chunksWaiting("waiting", 1);
        later(40_000);
        java.util.Set<Long> backAt = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            Exchange poll = poll(accepted("case-" + i));
            assertThat(pace.notYetDue(poll)).isTrue();
            heldUntil = pace.holdUntil(poll);
            assertThat(heldFor()).as("at least the submission's time, at most that and 100 polls' more")
                    .isBetween(MILLIS_PER_CALL - 500, 101 * MILLIS_PER_CALL + 500);
            backAt.add(heldFor() / MILLIS_PER_CALL);
        }
        assertThat(backAt).as("twenty held polls, not one moment").hasSizeGreaterThan(10);
    }

    @Test
    void chunksOfABatchThatEndedHoldNoPoll() throws Exception {
        learn(30_000);
        Exchange ready = accepted("ready");
        later(40_000);
        List<MassChunk> waiting = chunksWaiting("ended", 3);
        batches.done(waiting.get(0).batchId());
        assertThat(pace.notYetDue(poll(ready))).isFalse();
    }

    @Test
    void theProbeWaitsForTheSubmissionsTooButACaseLeftUnpolledForADayDoesNot() throws Exception {
        List<MassChunk> waiting = chunksWaiting("waiting", 10);
        Exchange probe = accepted("probe");
        later(FIRST_POLL);
        assertThat(pace.notYetDue(poll(probe))).as("the probe, while chunks wait").isTrue();
        submitted(waiting);
        later(10_000);
        assertThat(pace.notYetDue(poll(probe))).as("the probe, once they are submitted").isFalse();
        pace.answered(poll(probe));
        assertThat(pace.readyMillis()).as("ready by the age it had then").isEqualTo(12_000);

        chunksWaiting("more", 10);
        Exchange old = accepted("old");
        later(MassPace.LONGEST_HOLD_MILLIS);
        assertThat(pace.notYetDue(poll(old))).as("a day unpolled").isFalse();
    }

    @Test
    void aBatchDoneSubmittingIsPolledWhileAnotherStillSubmitsAndItsCaseProbesInPlaceOfAHeldOne() throws Exception {
        List<MassChunk> large = chunksWaiting("large", 200);
        List<MassChunk> small = chunksWaiting("small", 1);
        Exchange largeProbe = accepted("large-1", large.get(0));
        submitted(large.subList(0, 1));
        submitted(small);
        Exchange smallCase = accepted("small-1", small.get(0));
        later(FIRST_POLL);

        assertThat(pace.notYetDue(poll(largeProbe))).as("the large batch's case, while its chunks wait").isTrue();
        heldUntil = pace.holdUntil(largeProbe);
        assertThat(heldFor()).as("its 199 chunks in turns with the other batch's (none left): 199 calls")
                .isBetween(199 * MILLIS_PER_CALL - 500, 199 * MILLIS_PER_CALL + 500);
        assertThat(pace.notYetDue(poll(smallCase))).as("the small batch's case probes in place of the held one")
                .isFalse();
        pace.answered(poll(smallCase));
        assertThat(pace.readyMillis()).as("learned from the small batch's case").isEqualTo(FIRST_POLL);
        assertThat(pace.notYetDue(poll(largeProbe))).as("the large batch still submits").isTrue();
    }

    @Test
    void aPollOfABatchWithChunksWaitingIsHeldForItsTurnsBesideTheOtherBatches() throws Exception {
        learn(30_000);
        List<MassChunk> first = chunksWaiting("first", 10);
        chunksWaiting("second", 100);
        submitted(first.subList(0, 1));
        Exchange ready = accepted("first-1", first.get(0));
        later(40_000);
        assertThat(pace.notYetDue(poll(ready))).isTrue();
        heldUntil = pace.holdUntil(ready);
        assertThat(heldFor()).as("its 9 chunks take turns with the other batch's: about 18 calls")
                .isBetween(18 * MILLIS_PER_CALL - 500, 18 * MILLIS_PER_CALL + 500);
    }

    /** A batch of that name whose chunks are made, not yet submitted. */
    private List<MassChunk> chunksWaiting(String name, int count) throws Exception {
        MassBatch batch = batches.create(name, "file", "file", name, null, null);
        List<MassChunk> chunks = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            MassChunk chunk = new MassChunk(batch.id(), number, UUID.randomUUID().toString(), "HANDLAGGNING", null,
                    List.of());
            assertThat(batches.chunkMade(chunk)).isTrue();
            chunks.add(chunk);
        }
        return chunks;
    }

    /** FK opened a case for each of the chunks. */
    private void submitted(List<MassChunk> chunks) throws Exception {
        for (MassChunk chunk : chunks) {
            batches.chunkSubmitted(chunk.withArendeId("case-" + chunk.number()));
        }
    }

    /** Teaches the pace that FK took this long on a first case. */
    private void learn(long millis) {
        Exchange first = accepted("first");
        later(millis);
        pace.notYetDue(poll(first));
        pace.answered(poll(first));
        assertThat(pace.readyMillis()).isEqualTo(millis);
    }

    private Exchange accepted(String arendeId) {
        Exchange exchange = new DefaultExchange(camel);
        pace.accepted(reply(arendeId), exchange);
        return exchange;
    }

    /** FK opened a case for the chunk; its lane message names the chunk's batch. */
    private Exchange accepted(String arendeId, MassChunk chunk) {
        Exchange exchange = new DefaultExchange(camel);
        pace.accepted(MassAnswer.accepted(chunk.withArendeId(arendeId)), exchange);
        exchange.getMessage().setHeader(Headers.BATCH_ID, chunk.batchId());
        return exchange;
    }

    private static Exchange poll(Exchange exchange) {
        exchange.getMessage().setHeader(Headers.CALL, "lefi-mass-poll");
        return exchange;
    }

    private static MassAnswer reply(String arendeId) {
        return MassAnswer.accepted(new MassChunk("b", 1, "f", "HANDLAGGNING", arendeId, List.of()));
    }

    private void later(long millis) {
        clock.moveBy(millis);
    }

    /** How long the poll last held back is held, from now. */
    private long heldFor() {
        return heldUntil - System.currentTimeMillis();
    }
}
