package se.lefileka.sla;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * The lane's throttle paces calls when they pass it; FK judges them when they arrive. Between
 * the two lies the HTTP client's connection set-up (a cold start, a new TLS handshake), which
 * can make one call late and the next one early. This guard sits in the HTTP client right after
 * the connection is made, keeps the budget's sliding window on the moments requests are really
 * sent, and holds a request back the few milliseconds that keeps the window. One instance per
 * budget, shared by every HTTP endpoint of the budget ({@code httpClientConfigurer=#...}).
 */
public class WirePacing implements HttpClientConfigurer, ExecChainHandler {

    private final int perWindow;
    private final long windowNanos;
    private final Deque<Long> sends = new ArrayDeque<>();

    public WirePacing(int perWindow, long windowMillis) {
        this.perWindow = perWindow;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorAfter(ChainElement.CONNECT.name(), "sla-wire-pacing", this);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        awaitTurn();
        return chain.proceed(request, scope);
    }

    synchronized void awaitTurn() throws InterruptedIOException {
        try {
            while (sends.size() >= perWindow) {
                long wait = sends.peekFirst() + windowNanos - System.nanoTime();
                if (wait <= 0) {
                    sends.removeFirst();
                } else {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing a call to FK");
        }
        sends.addLast(System.nanoTime());
    }
}
