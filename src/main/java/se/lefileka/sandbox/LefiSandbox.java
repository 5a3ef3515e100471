package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** LEFI Online as the sandbox serves it: online queries and mass cases, v1 and v2. */
final class LefiSandbox {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration KEPT = Duration.ofHours(72);

    private final Clock clock;
    private final Map<String, MassCase> cases = new ConcurrentHashMap<>();
    private final Map<String, String> caseByFragaId = new ConcurrentHashMap<>();
    private final AtomicLong caseNumbers = new AtomicLong();
    private final Set<String> personsAsked = ConcurrentHashMap.newKeySet();
    private final AtomicLong onlineAnswers = new AtomicLong();
    private final AtomicLong massSubmissions = new AtomicLong();
    private volatile Duration massWork = Duration.ofSeconds(2);
    private volatile Duration massWorkMax = massWork;
    private volatile boolean massRetryAfter = true;

    private volatile SandboxMemory memory = SandboxMemory.none();

    /** A case, as kept across a restart. */
    record MassCase(String arendeId, String fragaId, List<SandboxQuery> queries, Instant created, Instant ready) {
    }

    LefiSandbox(Clock clock) {
        this.clock = clock;
    }

    /** Keeps the cases in the memory from now on, taking back those kept before (younger than FK keeps them). */
    void rememberIn(SandboxMemory kept) {
        this.memory = kept;
        for (MassCase found : kept.recallAll("cases", MassCase.class)) {
            if (found.created().plus(KEPT).isBefore(clock.instant())) {
                kept.forget("cases/" + found.arendeId());
                continue;
            }
            cases.put(found.arendeId(), found);
            caseByFragaId.put(found.fragaId(), found.arendeId());
            caseNumbers.accumulateAndGet(Long.parseLong(found.arendeId().substring(2)), Math::max);
        }
    }

    SandboxReply handle(SandboxRequest request) {
        boolean v1 = request.v1();
        if (request.is("POST", v1 ? "/online/fraga" : "/onlinefragor")) {
            return online(request);
        }
        if (request.is("POST", v1 ? "/mass/fraga" : "/massfragor")) {
            return submit(request);
        }
        if (request.isUnder("GET", v1 ? "/mass/svar/" : "/massfragor/")) {
            return poll(request);
        }
        return null;
    }

    private SandboxReply online(SandboxRequest request) {
        if (!request.v1()) {
            SandboxQuery.checkSyfte(request.body().path("syfte"));
        }
        SandboxQuery query = SandboxQuery.read(request.body(), request.v1(), today());
        personsAsked.add(query.personnummer());
        onlineAnswers.incrementAndGet();
        if (!SyntheticPersons.exists(query.personnummer())) {
            return SandboxReply.error(404, "PERSON_SAKNAS", "personen finns inte");
        }
        ObjectNode answer = personsvar(query, request.v1());
        answer.set("fragaId", request.body().path("fragaId"));
        return SandboxReply.ok(200, answer);
    }

    private SandboxReply submit(SandboxRequest request) {
        JsonNode body = request.body();
        String fragaId = body.path("fragaId").asText("");
        if (fragaId.isBlank()) {
            throw new BadRequest("fragaId saknas");
        }
        if (!request.v1()) {
            SandboxQuery.checkSyfte(body.path("syfte"));
        }
        JsonNode fragor = body.path("fragor");
        if (!fragor.isArray() || fragor.isEmpty() || fragor.size() > 500) {
            throw new BadRequest("fragor ska ha 1 till 500 frågor");
        }
        List<SandboxQuery> queries = new ArrayList<>();
        for (JsonNode fraga : fragor) {
            queries.add(SandboxQuery.read(fraga, request.v1(), today()));
        }
        String existing = caseByFragaId.get(fragaId);
        if (existing != null && cases.containsKey(existing)
                && cases.get(existing).created().plus(KEPT).isAfter(clock.instant())) {
            return SandboxReply.ok(202, JSON.objectNode().put("arendeId", existing));
        }
        String arendeId = "M-" + caseNumbers.incrementAndGet();
        Instant now = clock.instant();
        MassCase opened = new MassCase(arendeId, fragaId, queries, now, now.plus(workOnACase()));
        memory.keep("cases/" + arendeId, opened);
        cases.put(arendeId, opened);
        caseByFragaId.put(fragaId, arendeId);
        massSubmissions.incrementAndGet();
        queries.forEach(q -> personsAsked.add(q.personnummer()));
        return SandboxReply.ok(202, JSON.objectNode().put("arendeId", arendeId));
    }

    private SandboxReply poll(SandboxRequest request) {
        MassCase found = cases.get(request.lastSegment());
        if (found == null) {
            return SandboxReply.error(404, "OKANT_ARENDE", "ärendet finns inte");
        }
        Instant now = clock.instant();
        if (found.created().plus(KEPT).isBefore(now)) {
            return SandboxReply.error(410, "ARENDE_UTGANGET", "ärendet är äldre än 72 timmar");
        }
        ObjectNode answer = JSON.objectNode();
        if (!request.v1()) {
            answer.put("arendeId", found.arendeId());
        }
        if (now.isBefore(found.ready())) {
            int seconds = (int) Math.max(1, Duration.between(now, found.ready()).toMillis() / 1000 + 1);
            return new SandboxReply(202, answer.put("status", "PAGAR"), massRetryAfter ? seconds : null);
        }
        ArrayNode svar = JSON.arrayNode();
        found.queries().forEach(q -> svar.add(personsvar(q, request.v1())));
        answer.put("status", "KLAR").set("svar", svar);
        return SandboxReply.ok(200, answer);
    }

    private static ObjectNode personsvar(SandboxQuery query, boolean v1) {
        ObjectNode v2 = SyntheticPersons.answer(query.personnummer(), query.formaner(), query.from(), query.to());
        return v1 ? SandboxWire.toV1(v2) : v2;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Sandbox.STOCKHOLM));
    }

    boolean wasAskedAbout(String personnummer) {
        return personsAsked.contains(personnummer);
    }

    long onlineAnswers() {
        return onlineAnswers.get();
    }

    /** How many queries each case holds, in the order the cases were opened. */
    List<Integer> massCaseSizes() {
        return cases.values().stream().sorted(Comparator.comparingLong(opened -> caseNumber(opened.arendeId())))
                .map(opened -> opened.queries().size()).toList();
    }

    private static long caseNumber(String arendeId) {
        return Long.parseLong(arendeId.substring(arendeId.indexOf('-') + 1));
    }

    long massSubmissions() {
        return massSubmissions.get();
    }

    void massWork(Duration work) {
        massWork(work, work);
    }

    void massWork(Duration least, Duration most) {
        this.massWork = least;
        this.massWorkMax = most;
    }

    void massRetryAfter(boolean sent) {
        this.massRetryAfter = sent;
    }

    /** How long FK works on a new case: anywhere between the least and the most, evenly. */
    private Duration workOnACase() {
        long spread = massWorkMax.toMillis() - massWork.toMillis();
        return spread <= 0 ? massWork : massWork.plusMillis(ThreadLocalRandom.current().nextLong(spread + 1));
    }
}
