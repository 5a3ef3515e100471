package se.lefileka.lane;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP component's guard for every endpoint that is not a lane's
 * ({@code camel.component.http.http-client-configurer}): a call to FK made outside the lanes
 * (which the route rules refuse, should one run anyway) waits for a turn and a thread of both
 * budgets, so that FK sees no breach whatever the routes say. Calls to anything else pass.
 */
public class StrayFkCalls implements HttpClientConfigurer, ExecChainHandler, Http1StreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(StrayFkCalls.class);

    private final Supplier<Set<String>> fkAuthorities;
    private final WirePacing online;
    private final WirePacing mass;

    /** @param fkAuthorities FK's hosts and ports ({@code host:port}, lower case), asked at each call (the sandbox's are known only once it runs) */
    public StrayFkCalls(Supplier<Set<String>> fkAuthorities, WirePacing online, WirePacing mass) {
        this.fkAuthorities = fkAuthorities;
        this.online = online;
        this.mass = mass;
    }

    /** {@code host:port} of a URL's host, lower case; the scheme's port when it names none. */
    public static String authority(HttpHost host) {
        int port = host.getPort() != -1 ? host.getPort() : "https".equalsIgnoreCase(host.getSchemeName()) ? 443 : 80;
        return host.getHostName().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** {@code host:port} of a URL, as {@link #authority(HttpHost)}; empty when it is none. */
    public static Optional<String> authority(String url) {
        try {
            URI uri = URI.create(url.trim().replaceFirst("\\?.*", ""));
            return uri.getHost() == null ? Optional.empty() : Optional.of(authority(HttpHost.create(uri)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorAfter(ChainElement.CONNECT.name(), "stray-fk-calls", this);
        builder.setRequestExecutor(new HttpRequestExecutor(HttpRequestExecutor.DEFAULT_WAIT_FOR_CONTINUE, null, this));
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        if (scope == null || !fkAuthorities.get().contains(authority(scope.route.getTargetHost()))) {
            return chain.proceed(request, scope);
        }
        LOG.warn("A call to FK made outside the lanes ({} {}): it waits for a turn of both budgets; "
                + "the route rules refuse such a route (RouteCheck)", request.getMethod(), request.getPath());
        return online.execute(request, scope, (inOnline, onlineScope) -> mass.execute(inOnline, onlineScope, chain));
    }

    @Override
    public void onRequestHead(HttpConnection connection, HttpRequest request) {
        online.onRequestHead(connection, request);
        mass.onRequestHead(connection, request);
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
