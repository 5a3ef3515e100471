package se.lefileka.budget;

import java.io.IOException;
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
import se.lefileka.fk.FkAddresses;

/**
 * The HTTP components' guard for every endpoint that is not a lane's
 * ({@code camel.component.http.http-client-configurer}, and the same for {@code https}): a call
 * that connects to FK made outside the lanes (which the route rules refuse, should one run anyway),
 * however its URL spells FK's address, waits for a turn and a thread of both budgets, so that FK
 * sees no breach whatever the routes say. Calls to anything else pass.
 */
public class StrayFkCalls implements HttpClientConfigurer, ExecChainHandler, Http1StreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(StrayFkCalls.class);

    private final FkAddresses fk;
    private final WirePacing online;
    private final WirePacing mass;

    /** @param fk where FK is: a call is FK's by the address it connects to, however its URL spells it */
    public StrayFkCalls(FkAddresses fk, FkBudget online, FkBudget mass) {
        this.fk = fk;
        this.online = online.wire();
        this.mass = mass.wire();
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorAfter(ChainElement.CONNECT.name(), "stray-fk-calls", this);
        builder.setRequestExecutor(new HttpRequestExecutor(HttpRequestExecutor.DEFAULT_WAIT_FOR_CONTINUE, null, this));
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        HttpHost target = scope == null ? null : scope.route.getTargetHost();
        if (target == null || !fk.reaches(FkAddresses.Endpoint.of(target.getHostName(), target.getPort(),
                target.getSchemeName()))) {
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
