package se.lefileka.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in stand-in for FK: serves all of CONTRACT.md (LEFI online and mass, LEKA
 * subscriptions and notifications, v1 and v2) on a local port, judges every call by the SLA's
 * capacity rules ({@link #judge()}), and lets tests make it slow, failing or closed (an
 * interceptor of theirs, {@code SandboxFaults} in the test code).
 */
public class Sandbox extends ServiceSupport {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final Pattern VERSIONED = Pattern.compile("/(v[12])(/.*)");
    private static final Pattern ORGANISATIONSNUMMER = Pattern.compile("\\d{10}");
    private static final int KEPT_STARTS = 10_000;

    private final ObjectMapper json = new ObjectMapper();
    private final CapacityJudge judge = new CapacityJudge();
    /** The client certificates' subjects each organisation's calls came with (over mutual TLS). */
    private final Map<String, Set<String>> clientCertificates = new ConcurrentHashMap<>();
    private final List<SandboxInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final LefiSandbox lefi;
    /** LEKA for the sandbox's own organisation and for calls that name none (v1). */
    private final LekaSandbox leka;
    /** LEKA for each other organisation: each has its own subscriptions and notifications, as at FK. */
    private final Map<String, LekaSandbox> otherOrganisationsLeka = new ConcurrentHashMap<>();
    private volatile SandboxMemory memory;
    private final Clock clock;
    /** When recent calls of each budget started, by the sandbox's clock (the last {@value #KEPT_STARTS}). */
    private final Map<Budget, Deque<Instant>> starts = new EnumMap<>(Budget.class);
    private final int requestedPort;
    private final SSLContext tls;
    private volatile boolean refuseBreaches = true;
    private volatile Duration notifyEvery = Duration.ZERO;
    private ScheduledExecutorService notifier;
    private HttpServer server;
    private ExecutorService executor;

    public Sandbox(int port, Clock clock) {
        this(port, clock, null);
    }

    /**
     * A sandbox serving HTTPS with the given context (its key and the CA it trusts), as FK does:
     * a call without a client certificate its CA signed fails the TLS handshake.
     */
    public Sandbox(int port, Clock clock, SSLContext tls) {
        this.requestedPort = port;
        this.tls = tls;
        this.clock = clock;
        for (Budget budget : Budget.values()) {
            starts.put(budget, new ArrayDeque<>());
        }
        this.lefi = new LefiSandbox(clock);
        this.leka = new LekaSandbox(clock, "leka");
    }

    @Override
    protected void doStart() throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 64);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            server = https;
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fk-sandbox");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        warmUp();
        LOG.info("FK sandbox serving LEFI and LEKA (v1, v2) at {}", url());
        if (!notifyEvery.isZero()) {
            notifier = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "fk-sandbox-notifier");
                thread.setDaemon(true);
                return thread;
            });
            notifier.scheduleWithFixedDelay(this::notifySubscribers, notifyEvery.toMillis(), notifyEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Makes a notification for every subscribed person this often, as FK does when benefits
     * change (zero: never, the default); set before the sandbox starts.
     */
    public void notifyEvery(Duration every) {
        this.notifyEvery = every;
    }

    /**
     * Answers a few calls outside every budget, so that the server's own start-up (threads,
     * class loading) does not delay the first judged request and skew the judge.
     */
    private void warmUp() {
        HttpClient client = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        for (int i = 0; i < 3; i++) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(url() + "/warm-up")).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"warm\": true}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                // only a warm-up: the sandbox serves all the same
                LOG.info("FK sandbox warm-up call {} failed: {}", i + 1, e.toString());
            }
        }
    }

    @Override
    protected void doStop() {
        if (notifier != null) {
            notifier.shutdownNow();
        }
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /**
     * Keeps the sandbox's cases, subscriptions, notifications and numbering in the folder, and takes
     * back what it kept there before: across a restart it behaves as FK does. Before {@link #start()}.
     */
    public void rememberIn(Path dir) {
        SandboxMemory memory = SandboxMemory.in(dir);
        lefi.rememberIn(memory);
        leka.rememberIn(memory);
        this.memory = memory;
    }

    private void notifySubscribers() {
        leka.notifySubscribers();
        otherOrganisationsLeka.values().forEach(LekaSandbox::notifySubscribers);
    }

    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public CapacityJudge judge() {
        return judge;
    }

    /** Lets the interceptor answer calls before the sandbox does (tests' faults). */
    void intercept(SandboxInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    /**
     * Whether a call that breaks a capacity rule is refused with {@code 429} (as FK may), or only
     * counted. Benchmarks that lift the bundle's own limits to measure its pipeline turn it off, and
     * so do end-to-end tests of what the bundle does rather than of its pace.
     */
    public void refuseBreaches(boolean refuse) {
        this.refuseBreaches = refuse;
    }

    public boolean refusesBreaches() {
        return refuseBreaches;
    }

    /** How many of the budget's recent calls started at or after the instant, by the sandbox's clock. */
    public long callsFrom(Budget budget, Instant instant) {
        Deque<Instant> budgetStarts = starts.get(budget);
        synchronized (budgetStarts) {
            return budgetStarts.stream().filter(start -> !start.isBefore(instant)).count();
        }
    }

    /** Whether any LEFI call (online or mass) asked about this 12-digit personnummer. */
    public boolean wasAskedAbout(String personnummer) {
        return lefi.wasAskedAbout(personnummer);
    }

    /** How many online queries were answered (not refused by the judge or a fault). */
    public long onlineAnswers() {
        return lefi.onlineAnswers();
    }

    /** How many queries each mass case holds, in the order the cases were opened. */
    public List<Integer> massCaseSizes() {
        return lefi.massCaseSizes();
    }

    /** How many mass submissions opened a new case. */
    public long massSubmissions() {
        return lefi.massSubmissions();
    }

    /** How long a mass case stays {@code PAGAR} after its submission. */
    public void massWork(Duration work) {
        lefi.massWork(work);
    }

    /** FK works on each new mass case for a time between the least and the most (evenly spread). */
    public void massWork(Duration least, Duration most) {
        lefi.massWork(least, most);
    }

    /** Whether a mass poll that finds its case still worked on ({@code PAGAR}) says when to come back ({@code Retry-After}). */
    public void massRetryAfter(boolean sent) {
        lefi.massRetryAfter(sent);
    }

    /** LEKA as the sandbox serves it (tests queue notifications there: {@code SandboxNotifications}). */
    LekaSandbox leka() {
        return leka;
    }

    /** LEKA as the organisation sees it (its v2 calls' X-Organisationsnummer; the sandbox's own and v1 share one). */
    LekaSandbox leka(String organisation) {
        if (organisation.isEmpty() || SandboxSettings.ORGANISATIONSNUMMER.equals(organisation)) {
            return leka;
        }
        return otherOrganisationsLeka.computeIfAbsent(organisation, key -> {
            LekaSandbox own = new LekaSandbox(clock, "leka-" + key);
            if (memory != null) {
                own.rememberIn(memory);
            }
            return own;
        });
    }

    /** The organisation's notifications not yet acknowledged. */
    public long unacknowledgedNotifications(String organisation) {
        return leka(organisation).unacknowledged();
    }

    public boolean isSubscribed(String organisation, String personnummer) {
        return leka(organisation).isSubscribed(personnummer);
    }

    public long unacknowledgedNotifications() {
        return leka.unacknowledged();
    }

    public boolean isSubscribed(String personnummer) {
        return leka.isSubscribed(personnummer);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Budget budget = budgetOf(path);
        String organisation = organisationOf(exchange, path);
        rememberClientCertificate(exchange, organisation);
        Rule broken = budget == null ? null : judge.start(organisation, budget);
        if (budget != null) {
            recordStart(budget);
        }
        try {
            SandboxReply reply;
            if (broken != null && refuseBreaches) {
                LOG.warn("Capacity rule broken: {} {} {}", organisation, budget, broken);
                reply = SandboxReply.retryLater(429, "FOR_MANGA_FRAGOR", "kapacitetsgränsen överskreds: " + broken, 1);
            } else {
                reply = answer(exchange, path, budget, organisation);
            }
            send(exchange, reply);
        } catch (RuntimeException | IOException e) {
            LOG.error("Sandbox failed to answer {} {}", exchange.getRequestMethod(), path, e);
            throw e;
        } finally {
            exchange.close();
            if (budget != null) {
                judge.end(organisation, budget);
            }
        }
    }

    private void recordStart(Budget budget) {
        Deque<Instant> budgetStarts = starts.get(budget);
        synchronized (budgetStarts) {
            budgetStarts.addLast(clock.instant());
            if (budgetStarts.size() > KEPT_STARTS) {
                budgetStarts.removeFirst();
            }
        }
    }

    private SandboxReply answer(HttpExchange exchange, String path, Budget budget, String organisation) throws IOException {
        Matcher versioned = VERSIONED.matcher(path);
        if (!versioned.matches() || budget == null) {
            return SandboxReply.error(404, "OKAND_RESURS", "okänd resurs");
        }
        String version = versioned.group(1);
        String service = isLeka(path) ? "leka" : "lefi";
        for (SandboxInterceptor interceptor : interceptors) {
            SandboxReply instead = interceptor.before(service, version, budget);
            if (instead != null) {
                return instead;
            }
        }
        if ("v2".equals(version)) {
            String named = exchange.getRequestHeaders().getFirst("X-Organisationsnummer");
            if (named == null || !ORGANISATIONSNUMMER.matcher(named).matches()) {
                return SandboxReply.badRequest("X-Organisationsnummer saknas eller är inte 10 siffror");
            }
        }
        try {
            SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(), version, versioned.group(2),
                    query(exchange.getRequestURI().getRawQuery()), body(exchange.getRequestBody()));
            SandboxReply reply = "leka".equals(service) ? leka(organisation).handle(request) : lefi.handle(request);
            return reply != null ? reply : SandboxReply.error(404, "OKAND_RESURS", "okänd resurs");
        } catch (BadRequest e) {
            return SandboxReply.badRequest(e.getMessage());
        }
    }

    private JsonNode body(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadRequest("kroppen är inte JSON");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private void send(HttpExchange exchange, SandboxReply reply) throws IOException {
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.body() == null && reply.text() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = reply.text() != null ? reply.text().getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type",
                reply.text() != null ? reply.contentType() : "application/json; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void rememberClientCertificate(HttpExchange exchange, String organisation) {
        if (exchange instanceof HttpsExchange https) {
            try {
                clientCertificates.computeIfAbsent(organisation, key -> ConcurrentHashMap.newKeySet())
                        .add(https.getSSLSession().getPeerPrincipal().getName());
            } catch (SSLPeerUnverifiedException noCertificate) {
                // a call without a client certificate: the TLS configuration decides whether it gets this far
            }
        }
    }

    /** The subjects of the client certificates the organisation's calls came with (over mutual TLS). */
    public Set<String> clientCertificates(String organisation) {
        return Set.copyOf(clientCertificates.getOrDefault(organisation, Set.of()));
    }

    /** The organisation whose budget the call spends: the one a v2 call names, none for a v1 call. */
    private static String organisationOf(HttpExchange exchange, String path) {
        String named = exchange.getRequestHeaders().getFirst("X-Organisationsnummer");
        return path.startsWith("/v2/") && named != null && ORGANISATIONSNUMMER.matcher(named).matches()
                ? named : CapacityJudge.NO_ORGANISATION;
    }

    static Budget budgetOf(String path) {
        if (path.startsWith("/v1/mass/") || path.startsWith("/v2/massfragor")) {
            return Budget.MASS;
        }
        if (path.startsWith("/v1/online/") || path.startsWith("/v2/onlinefragor") || isLeka(path)) {
            return Budget.ONLINE;
        }
        return null;
    }

    private static boolean isLeka(String path) {
        return path.matches("/v[12]/(prenumeration|prenumerationer|aviseringar|kvittens)(/.*)?");
    }
}
