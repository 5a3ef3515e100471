package se.lefileka.budget;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;

/**
 * The lane's throttle paces calls when they pass it; FK judges them when they arrive. Between
 * the two lies the HTTP client's own work (a new connection, a TLS handshake, a cold start),
 * which can make one call late and the next one early. This guard sits in the HTTP client: it
 * holds a request back, right after its connection is made, until the budget's sliding window
 * has room and the last request is a share of the window ago (the sends are spread evenly), and
 * it dates each request by the moment it was written to the connection (its head, and its body
 * when it has one, written and flushed), so a request that left late makes the next one wait
 * longer. One instance per budget, shared by
 * every HTTP endpoint of the budget ({@code httpClientConfigurer=#...}).
 * <p>
 * It also keeps the budget's thread rule at the wire: a call holds one of the budget's threads
 * from its start until the gap after its response was read (the lanes keep it in their routes
 * too; here it holds for any call made through the guard, such as one of {@link StrayFkCalls}).
 * <p>
 * After every wait it asks its budget once more "may this call leave now?" ({@link FkBudget}): a
 * call the budget holds back does not start; it fails with {@link HeldBackException}, and its lane
 * puts it back.
 */
public class WirePacing implements HttpClientConfigurer, ExecChainHandler, Http1StreamListener {

    private final int perWindow;
    private final long windowNanos;
    private final long spacingNanos;
    /** When each recent request was sent (System.nanoTime), at most a window ago. */
    private final List<long[]> sends = new ArrayList<>();
    private final ThreadLocal<long[]> current = new ThreadLocal<>();
    /** Asked at the instant a call would leave: throws {@link HeldBackException} when it may not. */
    private final Runnable mayLeaveNow;
    private final WorkClasses classes;
    private final Supplier<String> workClassOnThread;
    /** How many calls of each class wait for a thread. */
    private final Map<String, Integer> waiting = new HashMap<>();
    /** When each of the budget's threads is free again (System.nanoTime; {@link Long#MAX_VALUE} while a call is on it). */
    private final long[] threadFreeAt;
    private final long gapNanos;

    /**
     * Starts with a full window: the first call waits one window from now, so that the calls of a
     * bundle restarted at once (after a crash, a redeployment) never crowd those of the one before.
     */
    public WirePacing(int perWindow, long windowMillis, int threads, long gapMillis) {
        this(perWindow, windowMillis, threads, gapMillis, () -> { }, WorkClasses.NONE, () -> null);
    }

    /**
     * As {@link #WirePacing(int, long, int, long)}, asking its budget at each call's start whether it
     * may leave, and giving a free thread to the waiting call whose class's turn it is.
     *
     * @param workClassOnThread the class of the call on the calling thread (null for none)
     */
    public WirePacing(int perWindow, long windowMillis, int threads, long gapMillis, Runnable mayLeaveNow,
                      WorkClasses classes, Supplier<String> workClassOnThread) {
        this.classes = classes;
        this.workClassOnThread = workClassOnThread;
        if (perWindow <= 0 || windowMillis <= 0 || threads <= 0 || gapMillis < 0) {
            throw new IllegalArgumentException("a budget needs calls per window, a window and threads above 0 and "
                    + "a gap of 0 or more, not " + perWindow + " calls per " + windowMillis + " ms, " + threads
                    + " threads and " + gapMillis + " ms");
        }
        this.mayLeaveNow = mayLeaveNow;
        this.threadFreeAt = new long[threads];
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMillis);
        this.perWindow = perWindow;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.spacingNanos = windowNanos / perWindow;
        long now = System.nanoTime();
        for (int i = 0; i < perWindow; i++) {
            sends.add(new long[] {now});
        }
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorAfter(ChainElement.CONNECT.name(), "sla-wire-pacing", this);
        builder.setRequestExecutor(new HttpRequestExecutor(HttpRequestExecutor.DEFAULT_WAIT_FOR_CONTINUE, null, this));
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        int thread = awaitThread(workClassOnThread.get());
        boolean sent = false;
        ClassicHttpResponse response = null;
        try {
            long[] turn = awaitTurn();
            try {
                mayLeaveNow.run();
            } catch (HeldBackException heldBack) {
                giveBack(turn);
                throw heldBack;
            }
            current.set(turn);
            if (request.getEntity() != null) {
                // a request with a body is on its way once the body has left, not its head
                request.setEntity(new WrittenToTheEnd(request.getEntity(), () -> dateSend(turn)));
            }
            sent = true;
            response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                // the thread is busy until the response has been read
                response.setEntity(new ReadToTheEnd(entity, () -> freeThread(thread, true)));
            }
            return response;
        } finally {
            current.remove();
            if (response == null || response.getEntity() == null) {
                freeThread(thread, sent);
            }
        }
    }

    /**
     * Waits for one of the budget's threads to be free (no call on it, its gap past) and for its
     * class's turn among the calls waiting ({@link WorkClasses}), and takes it.
     */
    synchronized int awaitThread(String workClass) throws InterruptedIOException {
        String ordered = classes.knows(workClass) ? workClass : null;
        if (ordered != null) {
            waiting.merge(ordered, 1, Integer::sum);
        }
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                boolean myTurn = ordered == null || ordered.equals(classes.next(waiting.keySet()));
                for (int i = 0; i < threadFreeAt.length; i++) {
                    if (threadFreeAt[i] - now <= 0) {
                        if (myTurn) {
                            threadFreeAt[i] = Long.MAX_VALUE;
                            classes.took(ordered);
                            return i;
                        }
                        // free, but another class's turn: its call takes it, and says so
                    } else if (threadFreeAt[i] != Long.MAX_VALUE) {
                        wait = Math.min(wait, threadFreeAt[i] - now);
                    }
                }
                if (wait == Long.MAX_VALUE) {
                    wait(0);
                } else {
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a thread of FK's budget");
        } finally {
            if (ordered != null) {
                waiting.computeIfPresent(ordered, (name, count) -> count > 1 ? count - 1 : null);
                notifyAll();
            }
        }
    }

    /** The call on the thread ended: free after the gap when it reached FK, else at once. */
    synchronized void freeThread(int thread, boolean afterGap) {
        if (threadFreeAt[thread] == Long.MAX_VALUE) {
            threadFreeAt[thread] = System.nanoTime() + (afterGap ? gapNanos : 0);
            notifyAll();
        }
    }

    /**
     * Waits until the window has room and the last send is a share of the window ago, and takes a
     * place in the window (dated now, for the time being). Spreading the sends evenly keeps two of
     * them from reaching FK together, where the second may be dated a little late and so crowd the
     * window that follows. Waits on this object's monitor, so that a call already on its way can
     * date itself meanwhile.
     */
    synchronized long[] awaitTurn() throws InterruptedIOException {
        try {
            while (true) {
                long now = System.nanoTime();
                sends.removeIf(sent -> now - sent[0] >= windowNanos);
                long wait = sends.stream().mapToLong(sent -> sent[0] + spacingNanos - now).max().orElse(0);
                if (sends.size() >= perWindow) {
                    long oldest = sends.stream().mapToLong(sent -> sent[0]).min().orElse(now);
                    wait = Math.max(wait, oldest + windowNanos - now);
                }
                if (wait <= 0) {
                    long[] sent = {now};
                    sends.add(sent);
                    return sent;
                }
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing a call to FK");
        }
    }

    /** Gives back a place taken in the window by a call that does not start after all. */
    synchronized void giveBack(long[] turn) {
        sends.remove(turn);
        notifyAll();
    }

    /** The request's head is on its way: dates the request's place in the window by this moment. */
    @Override
    public void onRequestHead(HttpConnection connection, HttpRequest request) {
        long[] sent = current.get();
        if (sent != null) {
            dateSend(sent);
        }
    }

    /** Dates a send's place in the window by this moment (its head, or its body, is on its way). */
    synchronized void dateSend(long[] sent) {
        sent[0] = Math.max(sent[0], System.nanoTime());
    }

    @Override
    public void onResponseHead(HttpConnection connection, HttpResponse response) {
        // only the moment a request leaves counts
    }

    @Override
    public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
        // only the moment a request leaves counts
    }
}
