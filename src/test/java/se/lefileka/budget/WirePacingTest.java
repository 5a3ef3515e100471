package se.lefileka.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;

/** Whatever the callers do, no window holds more sends than allowed, nor the budget more threads. */
class WirePacingTest {

    @Test
    void theFirstSendWaitsAWholeWindowAsIfTheWindowWereFull() throws Exception {
        long created = System.nanoTime();
        new WirePacing(2, 200, 1, 0).awaitTurn();
        assertThat((System.nanoTime() - created) / 1_000_000).isGreaterThanOrEqualTo(199);
    }

    @Test
    void holdsBackASendThatWouldCrowdTheWindow() throws Exception {
        WirePacing pacing = new WirePacing(2, 200, 1, 0);
        List<Long> sends = new ArrayList<>();
        sends.add(System.nanoTime());
        sends.add(System.nanoTime());
        for (int i = 0; i < 6; i++) {
            pacing.awaitTurn();
            sends.add(System.nanoTime());
        }
        for (int i = 2; i < sends.size(); i++) {
            assertThat((sends.get(i) - sends.get(i - 2)) / 1_000_000).as("send %d", i).isGreaterThanOrEqualTo(199);
        }
    }

    @Test
    void spreadsTheSendsEvenlyOverTheWindow() throws Exception {
        WirePacing pacing = new WirePacing(2, 200, 1, 0);
        long previous = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            pacing.awaitTurn();
            long sent = System.nanoTime();
            assertThat((sent - previous) / 1_000_000).as("send %d", i).isGreaterThanOrEqualTo(99);
            previous = sent;
        }
    }

    @Test
    void aCallWaitingForItsTurnDoesNotHoldUpOneAlreadyOnItsWay() throws Exception {
        WirePacing pacing = new WirePacing(1, 300, 1, 0);
        long[] onItsWay = pacing.awaitTurn();
        CompletableFuture<long[]> next = new CompletableFuture<>();
        Thread waiting = new Thread(() -> {
            try {
                next.complete(pacing.awaitTurn());
            } catch (InterruptedIOException e) {
                next.completeExceptionally(e);
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);

        pacing.dateSend(onItsWay);

        assertThat(onItsWay[0]).as("dated while the next call waits its turn").isLessThan(next.get(5, TimeUnit.SECONDS)[0]);
    }

    @Test
    void aRequestWithABodyIsDatedWhenItsBodyHasLeftNotItsHead() throws Exception {
        WirePacing pacing = new WirePacing(1, 200, 1, 0);
        HttpPost submission = new HttpPost("http://127.0.0.1/v2/massfragor");
        submission.setEntity(new StringEntity("{\"fragor\": []}"));
        AtomicLong flushed = new AtomicLong();
        OutputStream slowLink = new OutputStream() {
            @Override
            public void write(int b) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a link that takes its time
            }

            @Override
            public void flush() {
                flushed.set(System.nanoTime());
            }
        };

        pacing.execute(submission, null, (request, scope) -> {
            pacing.onRequestHead(null, request);
            request.getEntity().writeTo(slowLink);
            return new BasicClassicHttpResponse(200);
        });
        pacing.awaitTurn();

        assertThat((System.nanoTime() - flushed.get()) / 1_000_000).as("the next send, after the body was flushed")
                .isGreaterThanOrEqualTo(199);
    }

    @Test
    void theBudgetIsAskedAfterTheWaitAndACallItHoldsBackDoesNotStart() {
        long created = System.nanoTime();
        AtomicLong askedAt = new AtomicLong();
        WirePacing pacing = new WirePacing(1, 300, 1, 0, () -> {
            askedAt.set(System.nanoTime());
            throw new HeldBackException("closed", 0);
        }, WorkClasses.NONE, () -> null);
        AtomicBoolean started = new AtomicBoolean();

        assertThatThrownBy(() -> pacing.execute(new HttpGet("http://127.0.0.1/v2/massfragor/M-1"), null,
                (request, scope) -> {
                    started.set(true);
                    return null;
                })).isInstanceOf(HeldBackException.class);

        assertThat(started).as("the call started").isFalse();
        assertThat((askedAt.get() - created) / 1_000_000).as("asked after the wait").isGreaterThanOrEqualTo(299);
    }

    @Test
    void aCallHoldsOneOfTheBudgetsThreadsUntilTheGapAfterItsResponseWasRead() throws Exception {
        WirePacing pacing = new WirePacing(10, 10, 1, 200);
        var response = pacing.execute(new HttpGet("http://127.0.0.1/v2/onlinefragor"), null, (request, scope) -> {
            var answer = new org.apache.hc.core5.http.message.BasicClassicHttpResponse(200);
            answer.setEntity(new org.apache.hc.core5.http.io.entity.StringEntity("{}"));
            return answer;
        });
        CompletableFuture<Long> nextStarted = new CompletableFuture<>();
        Thread next = new Thread(() -> {
            try {
                pacing.execute(new HttpGet("http://127.0.0.1/v2/onlinefragor"), null, (request, scope) -> {
                    nextStarted.complete(System.nanoTime());
                    return new org.apache.hc.core5.http.message.BasicClassicHttpResponse(200);
                });
            } catch (Exception e) {
                nextStarted.completeExceptionally(e);
            }
        });
        next.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> next.getState() == Thread.State.WAITING);
        assertThat(nextStarted).as("the only thread is busy while the response is unread").isNotDone();

        response.getEntity().getContent().readAllBytes();
        long read = System.nanoTime();
        assertThat((nextStarted.get(5, TimeUnit.SECONDS) - read) / 1_000_000).as("the gap after the read")
                .isGreaterThanOrEqualTo(199);
    }

    @Test
    void aFreeThreadGoesToTheWaitingCallOfTheHighestClassWhoeverCameFirst() throws Exception {
        Map<String, Double> classes = new LinkedHashMap<>();
        classes.put("interactive", 0.0);
        classes.put("bulk", 0.0);
        WirePacing pacing = new WirePacing(100, 100, 1, 0, () -> { }, new WorkClasses(classes), () -> null);
        int busy = pacing.awaitThread(null);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread bulk = waiter(pacing, "bulk", order);
        bulk.start();
        await().until(() -> bulk.getState() == Thread.State.WAITING);
        Thread interactive = waiter(pacing, "interactive", order);
        interactive.start();
        await().until(() -> interactive.getState() == Thread.State.WAITING);

        pacing.freeThread(busy, false);
        bulk.join(5_000);
        interactive.join(5_000);

        assertThat(order).containsExactly("interactive", "bulk");
    }

    /** A call of the class that takes a thread, notes its turn, and frees the thread at once. */
    private static Thread waiter(WirePacing pacing, String workClass, List<String> order) {
        return new Thread(() -> {
            try {
                int thread = pacing.awaitThread(workClass);
                order.add(workClass);
                pacing.freeThread(thread, false);
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
