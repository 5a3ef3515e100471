package se.lefileka.lane;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
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
 * it dates each request by the moment its head was written to the connection, so a
 * request that left late makes the next one wait longer. One instance per budget, shared by
 * every HTTP endpoint of the budget ({@code httpClientConfigurer=#...}).
 * <p>
 * It is also where "may this call go to FK now?" is decided: after every wait (the lane's
 * throttle, this guard's own pacing) it asks the lane's gate, and a call that finds the lane
 * closed does not start: it fails with {@link LaneClosedException}, and the lane puts it back.
 */
public class WirePacing implements HttpClientConfigurer, ExecChainHandler, Http1StreamListener {

    private final int perWindow;
    private final long windowNanos;
    private final long spacingNanos;
    /** When each recent request was sent (System.nanoTime), at most a window ago. */
    private final List<long[]> sends = new ArrayList<>();
    private final ThreadLocal<long[]> current = new ThreadLocal<>();
    private final BooleanSupplier laneClosed;

    /**
     * Starts with a full window: the first call waits one window from now, so that the calls of a
     * bundle restarted at once (after a crash, a redeployment) never crowd those of the one before.
     */
    public WirePacing(int perWindow, long windowMillis) {
        this(perWindow, windowMillis, () -> false);
    }

    /** As {@link #WirePacing(int, long)}, for a lane whose gate says, at each call's start, whether it is closed. */
    public WirePacing(int perWindow, long windowMillis, BooleanSupplier laneClosed) {
        if (perWindow <= 0 || windowMillis <= 0) {
            throw new IllegalArgumentException("a budget needs calls per window and a window above 0, not "
                    + perWindow + " calls per " + windowMillis + " ms");
        }
        this.laneClosed = laneClosed;
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
        long[] turn = awaitTurn();
        if (laneClosed.getAsBoolean()) {
            giveBack(turn);
            throw new LaneClosedException();
        }
        current.set(turn);
        try {
            return chain.proceed(request, scope);
        } finally {
            current.remove();
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

    /** Dates a send's place in the window by this moment (its head is on its way). */
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
