package se.lefileka.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What tests (and the benchmarks) can make the sandbox do instead of answering normally. */
public final class SandboxFaults implements SandboxInterceptor {

    private static final Map<Sandbox, SandboxFaults> OF = Collections.synchronizedMap(new WeakHashMap<>());

    /** The faults of the sandbox (made on first use). */
    public static SandboxFaults of(Sandbox sandbox) {
        return OF.computeIfAbsent(sandbox, s -> {
            SandboxFaults faults = new SandboxFaults();
            s.intercept(faults);
            return faults;
        });
    }

    private SandboxFaults() {
    }

    private volatile Duration latency = Duration.ZERO;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Instant serviceWindowEnds = Instant.EPOCH;
    private volatile boolean massClosed;
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
    private volatile boolean refuseOrganisation;
    private final Map<String, AtomicInteger> garbled = new ConcurrentHashMap<>();
    private final Map<String, String> garbledAs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** A {@code 200} answer FK may give and no client can read. */
    public enum Garbled {
        /** JSON cut off in the middle. */
        TRUNCATED_JSON("application/json", "{\"fragaId\": \"x\", \"arendeId\": \"M-1\", \"personnummer\": \"1990"),
        /** A proxy's or a portal's HTML page. */
        HTML("text/html; charset=utf-8", "<html><body><h1>Välkommen</h1></body></html>");

        final String contentType;
        final String text;

        Garbled(String contentType, String text) {
            this.contentType = contentType;
            this.text = text;
        }
    }

    /** Every call waits this long before it is answered. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** The next {@code count} calls answer {@code 500 TEKNISKT_FEL}. */
    public void failNext(int count) {
        failures.set(count);
    }

    /** Online and LEKA calls answer {@code 503 SERVICEFONSTER} with a Retry-After for this long from now. */
    public void serviceWindowFor(Duration length) {
        serviceWindowEnds = Instant.now().plus(length);
    }

    /** Mass calls answer {@code 503 STANGT} while closed. */
    public void massClosed(boolean closed) {
        this.massClosed = closed;
    }

    /** Calls to the version of the service ({@code lefi} or {@code leka}) answer {@code 410 VERSION_UPPHORD}. */
    public void retire(String service, String version) {
        retired.add(service + "/" + version);
    }

    /** Every call answers {@code 403 EJ_BEHORIG}, as FK does to an organisation it does not accept. */
    public void refuseOrganisation(boolean refuse) {
        this.refuseOrganisation = refuse;
    }

    /** The next {@code count} calls to the service ({@code lefi}, {@code leka}) in the budget answer {@code 200} garbled. */
    public void garbleNext(String service, Budget budget, int count, Garbled how) {
        garbledAs.put(service + "/" + budget, how.name());
        garbled.computeIfAbsent(service + "/" + budget, key -> new AtomicInteger()).set(count);
    }

    /** How many calls reached the service ({@code lefi}, {@code leka}) in the budget (the judge's refusals aside). */
    public int calls(String service, Budget budget) {
        AtomicInteger count = calls.get(service + "/" + budget);
        return count == null ? 0 : count.get();
    }

    /** Clears every fault. */
    public void reset() {
        latency = Duration.ZERO;
        failures.set(0);
        serviceWindowEnds = Instant.EPOCH;
        massClosed = false;
        retired.clear();
        refuseOrganisation = false;
        garbled.clear();
    }

    @Override
    public SandboxReply before(String service, String version, Budget budget) {
        calls.computeIfAbsent(service + "/" + budget, key -> new AtomicInteger()).incrementAndGet();
        delay();
        AtomicInteger toGarble = garbled.get(service + "/" + budget);
        if (toGarble != null && toGarble.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Garbled how = Garbled.valueOf(garbledAs.get(service + "/" + budget));
            return SandboxReply.text(200, how.contentType, how.text);
        }
        return replyFor(service, version, budget);
    }

    private void delay() {
        Duration wait = latency;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SandboxReply replyFor(String service, String version, Budget budget) {
        if (refuseOrganisation) {
            return SandboxReply.error(403, "EJ_BEHORIG", "organisationen saknar behörighet");
        }
        if (retired.contains(service + "/" + version)) {
            return SandboxReply.error(410, "VERSION_UPPHORD", "version " + version + " är upphörd");
        }
        long windowLeft = Duration.between(Instant.now(), serviceWindowEnds).toMillis();
        if (budget == Budget.ONLINE && windowLeft > 0) {
            return SandboxReply.retryLater(503, "SERVICEFONSTER", "servicefönster",
                    (int) Math.max(1, (windowLeft + 999) / 1000));
        }
        if (budget == Budget.MASS && massClosed) {
            return SandboxReply.error(503, "STANGT", "massfrågor är stängda");
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return SandboxReply.error(500, "TEKNISKT_FEL", "tillfälligt fel");
        }
        return null;
    }
}
