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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** LEKA as the sandbox serves it to one organisation: its subscriptions and notifications, v1 and v2. */
final class LekaSandbox {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration OFFER_AGAIN_AFTER = Duration.ofSeconds(60);

    private final Clock clock;
    /** The name its state is kept under. */
    private final String name;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Notification> notifications = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private volatile SandboxMemory memory = SandboxMemory.none();

    record Subscription(String id, String personnummer, List<String> formaner, Instant registered) {
    }

    /** A notification not yet acknowledged, as kept across a restart. */
    record Kept(String id, String personnummer, String formanstyp, String handelse, LocalDate validFrom,
                Instant created) {
    }

    /** LEKA's state as kept across a restart: its numbering, subscriptions and notifications not yet acknowledged. */
    record State(long ids, List<Subscription> subscriptions, List<Kept> notifications) {
    }

    private static final class Notification {
        final String id;
        final String personnummer;
        final String formanstyp;
        final String handelse;
        final LocalDate validFrom;
        final Instant created;
        Instant offered;
        boolean acknowledged;

        Notification(String id, String personnummer, String formanstyp, String handelse, LocalDate validFrom,
                     Instant created) {
            this.id = id;
            this.personnummer = personnummer;
            this.formanstyp = formanstyp;
            this.handelse = handelse;
            this.validFrom = validFrom;
            this.created = created;
        }
    }

    LekaSandbox(Clock clock, String name) {
        this.clock = clock;
        this.name = name;
    }

    /** Keeps LEKA's state in the memory from now on, taking back what was kept before. */
    synchronized void rememberIn(SandboxMemory kept) {
        this.memory = kept;
        State state = kept.recall(name, State.class);
        if (state != null) {
            ids.set(state.ids());
            state.subscriptions().forEach(s -> subscriptions.put(s.personnummer(), s));
            state.notifications().forEach(n -> notifications.put(n.id(), new Notification(n.id(), n.personnummer(),
                    n.formanstyp(), n.handelse(), n.validFrom(), n.created())));
        }
    }

    private synchronized void keep() {
        memory.keep(name, new State(ids.get(), List.copyOf(subscriptions.values()), notifications.values().stream()
                .filter(n -> !n.acknowledged)
                .map(n -> new Kept(n.id, n.personnummer, n.formanstyp, n.handelse, n.validFrom, n.created)).toList()));
    }

    SandboxReply handle(SandboxRequest request) {
        boolean v1 = request.v1();
        String subscriptionPath = v1 ? "/prenumeration" : "/prenumerationer";
        if (request.is("POST", subscriptionPath)) {
            return register(request);
        }
        if (request.isUnder("GET", subscriptionPath + "/")) {
            Subscription found = subscriptions.get(request.lastSegment());
            return found == null ? notSubscribed() : SandboxReply.ok(200, subscription(found, v1));
        }
        if (request.isUnder("DELETE", subscriptionPath + "/")) {
            if (subscriptions.remove(request.lastSegment()) == null) {
                return notSubscribed();
            }
            keep();
            return SandboxReply.noContent();
        }
        if (request.is("GET", "/aviseringar")) {
            return fetch(request);
        }
        if (request.is("POST", v1 ? "/kvittens" : "/aviseringar/kvittens")) {
            return acknowledge(request);
        }
        return null;
    }

    private SandboxReply register(SandboxRequest request) {
        JsonNode body = request.body();
        boolean v1 = request.v1();
        String pnr = SandboxQuery.personnummer(body.path(v1 ? "pnr" : "personnummer").asText(null), today());
        List<String> formaner = SandboxQuery.formaner(body.path("formaner"));
        Subscription existing = subscriptions.get(pnr);
        if (existing != null) {
            ObjectNode conflict = SandboxReply.errorBody("REDAN_REGISTRERAD", "personen har redan en prenumeration");
            conflict.set("prenumeration", subscription(existing, v1));
            return SandboxReply.ok(409, conflict);
        }
        Subscription created = new Subscription("P-" + ids.incrementAndGet(), pnr, formaner, clock.instant());
        subscriptions.put(pnr, created);
        keep();
        return SandboxReply.ok(201, subscription(created, v1));
    }

    private static ObjectNode subscription(Subscription s, boolean v1) {
        ObjectNode node = JSON.objectNode();
        if (v1) {
            node.put("id", s.id()).put("pnr", s.personnummer());
            node.set("formaner", codes(s.formaner()));
            return node;
        }
        node.put("prenumerationId", s.id()).put("personnummer", s.personnummer());
        node.set("formaner", codes(s.formaner()));
        return node.put("registrerad", s.registered().atZone(Sandbox.STOCKHOLM).toOffsetDateTime().toString());
    }

    private static ArrayNode codes(List<String> codes) {
        ArrayNode array = JSON.arrayNode();
        codes.forEach(array::add);
        return array;
    }

    private static SandboxReply notSubscribed() {
        return SandboxReply.error(404, "PRENUMERATION_SAKNAS", "prenumerationen finns inte");
    }

    private synchronized SandboxReply fetch(SandboxRequest request) {
        int max;
        try {
            max = Integer.parseInt(request.query().getOrDefault("max", ""));
        } catch (NumberFormatException e) {
            throw new BadRequest("max ska vara 1 till 500");
        }
        if (max < 1 || max > 500) {
            throw new BadRequest("max ska vara 1 till 500");
        }
        Instant now = clock.instant();
        List<Notification> offered = new ArrayList<>();
        boolean more = false;
        for (Notification n : notifications.values()) {
            if (n.acknowledged || (n.offered != null && n.offered.plus(OFFER_AGAIN_AFTER).isAfter(now))) {
                continue;
            }
            if (offered.size() == max) {
                more = true;
                break;
            }
            n.offered = now;
            offered.add(n);
        }
        ArrayNode list = JSON.arrayNode();
        offered.forEach(n -> list.add(request.v1() ? v1(n) : v2(n)));
        if (request.v1()) {
            return SandboxReply.ok(200, list);
        }
        ObjectNode answer = JSON.objectNode();
        answer.set("aviseringar", list);
        return SandboxReply.ok(200, answer.put("fler", more));
    }

    private static ObjectNode v2(Notification n) {
        ObjectNode node = JSON.objectNode().put("aviseringId", n.id).put("personnummer", n.personnummer)
                .put("formanstyp", n.formanstyp).put("handelse", n.handelse)
                .put("skapad", n.created.atZone(Sandbox.STOCKHOLM).toOffsetDateTime().toString());
        if (n.validFrom != null) {
            node.put("giltigFrom", n.validFrom.toString());
        }
        node.set("personsvar", personsvar(n));
        return node;
    }

    private static ObjectNode v1(Notification n) {
        ObjectNode node = JSON.objectNode().put("id", n.id).put("pnr", n.personnummer).put("forman", n.formanstyp)
                .put("handelse", n.handelse);
        if (n.validFrom != null) {
            node.put("from", SandboxWire.v1Date(n.validFrom.toString()));
        }
        node.set("personsvar", SandboxWire.toV1(personsvar(n)));
        return node;
    }

    private static ObjectNode personsvar(Notification n) {
        LocalDate from = n.validFrom != null ? n.validFrom : n.created.atZone(Sandbox.STOCKHOLM).toLocalDate();
        return SyntheticPersons.answer(n.personnummer, List.of(n.formanstyp), from, from.plusMonths(6));
    }

    private synchronized SandboxReply acknowledge(SandboxRequest request) {
        JsonNode ids = request.body().path(request.v1() ? "ids" : "aviseringIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 500) {
            throw new BadRequest("1 till 500 id:n krävs");
        }
        int count = 0;
        for (JsonNode id : ids) {
            Notification n = notifications.get(id.asText());
            if (n != null && !n.acknowledged) {
                n.acknowledged = true;
                count++;
            }
        }
        keep();
        return request.v1() ? SandboxReply.noContent()
                : SandboxReply.ok(200, JSON.objectNode().put("kvitterade", count));
    }

    /** Queues a notification for the organisation; returns its id. Without validFrom it is broken, as tests need. */
    synchronized String publish(String personnummer, String formanstyp, String handelse, LocalDate validFrom) {
        String id = add(personnummer, formanstyp, handelse, validFrom);
        keep();
        return id;
    }

    private String add(String personnummer, String formanstyp, String handelse, LocalDate validFrom) {
        String id = "A-" + ids.incrementAndGet();
        notifications.put(id, new Notification(id, personnummer, formanstyp, handelse, validFrom, clock.instant()));
        return id;
    }

    /**
     * A change for every subscribed person, as FK would notify now and then (the sandbox's
     * {@code lefi.sandbox.notify-every-millis}): one of their subscribed benefits, {@code ANDRAD}.
     */
    synchronized int notifySubscribers() {
        for (Subscription subscription : subscriptions.values()) {
            String benefit = subscription.formaner().isEmpty() ? "SJUKPENNING" : subscription.formaner().get(0);
            add(subscription.personnummer(), benefit, "ANDRAD", today());
        }
        keep();
        return subscriptions.size();
    }

    synchronized long unacknowledged() {
        return notifications.values().stream().filter(n -> !n.acknowledged).count();
    }

    boolean isSubscribed(String personnummer) {
        return subscriptions.containsKey(personnummer);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Sandbox.STOCKHOLM));
    }
}
