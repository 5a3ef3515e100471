package se.lefileka.operations;

import se.lefileka.budget.FkCallMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import se.lefileka.audit.AuditLog;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.cluster.Leadership;
import se.lefileka.database.DatabaseProbe;
import se.lefileka.budget.LaneGate;
import se.lefileka.leka.NotificationLog;
import se.lefileka.mass.MassBatch;
import se.lefileka.mass.MassProgress;
import se.lefileka.personnummer.PersonnummerMask;
import se.lefileka.query.AnswerTime;
import se.lefileka.routing.RouteChanges;

/**
 * What the operator console shows ({@code /console/status.json}): each lane, each running batch
 * with its estimated end, LEKA's notifications, what was set aside and why, the API versions and
 * FK's faults. Never a person: batch ids and names, file names, request ids and reasons only.
 */
public class ConsoleStatus {

    /** The folders of the inboxes whose unreadable files are set aside under {@code error/}. */
    private static final List<String> KINDS = List.of("online", "mass", "subscriptions", "audit");

    private final Clock clock;
    private final FkCallMetrics calls;
    private final Map<String, LaneGate> gates;
    private final Map<String, String> laneQueues;
    private final Leadership leadership;
    private final BrokerQueues broker;
    private final String deadLetterQueue;
    private final DeadLetters deadLetters;
    private final MassProgress mass;
    private final NotificationLog notifications;
    private final ApiVersions versions;
    private final Path dataDir;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final AuditLog audit;
    private final RouteChanges routes;
    private final DatabaseProbe database;
    private final List<WaitingWork> waitingWork;

    public ConsoleStatus(Clock clock, FkCallMetrics calls, Map<String, LaneGate> gates, Map<String, String> laneQueues,
                         Leadership leadership, BrokerQueues broker, String deadLetterQueue, DeadLetters deadLetters,
                         MassProgress mass, NotificationLog notifications, ApiVersions versions, Path dataDir,
                         ObjectMapper json, MeterRegistry meters, AuditLog audit, RouteChanges routes,
                         DatabaseProbe database, List<WaitingWork> waitingWork) {
        this.database = database;
        this.waitingWork = List.copyOf(waitingWork);
        this.clock = clock;
        this.calls = calls;
        this.gates = gates;
        this.laneQueues = laneQueues;
        this.leadership = leadership;
        this.broker = broker;
        this.deadLetterQueue = deadLetterQueue;
        this.deadLetters = deadLetters;
        this.mass = mass;
        this.notifications = notifications;
        this.versions = versions;
        this.dataDir = dataDir;
        this.json = json;
        this.meters = meters;
        this.audit = audit;
        this.routes = routes;
    }

    public Map<String, Object> status() throws SQLException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("at", AnswerTime.now(clock).toString());
        status.put("node", leadership.describe());
        status.put("lanes", lanes());
        status.put("waiting", waiting());
        DatabaseProbe.State store = database.state();
        status.put("database", store.up() ? "up" : "down: " + store.message());
        // what the database holds is shown once it answers again
        status.put("batches", store.up() ? batches() : List.of());
        status.put("leka", store.up() ? leka() : Map.of());
        status.put("setAside", setAside());
        status.put("deadLetters", depth(deadLetterQueue));
        status.put("deadLettered", deadLetters.first());
        status.put("apiVersions", versions.versions().stream().map(version -> Map.of("service", version.service(),
                "version", version.version(), "endOfLife",
                version.endOfLife() == null ? "" : version.endOfLife().toString())).toList());
        status.put("fkFaultsLastHour", calls.faultsLastHour());
        status.put("routes", routes.status());
        return status;
    }

    /**
     * The organisation's line in the console's view of all: who leads, each lane's state and calls
     * in the last minute, the calls waiting and the batches running.
     */
    public Map<String, Object> summary() throws SQLException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("node", leadership.describe());
        summary.put("lanes", lanes().stream().map(lane -> lane.get("lane") + " " + lane.get("state") + ", "
                + lane.get("callsLastMinute") + " / " + lane.get("limitPerMinute") + " calls a minute").toList());
        summary.put("waiting", waitingWork.stream().flatMap(budget -> budget.now().stream())
                .mapToLong(WaitingWork.Waiting::calls).filter(calls -> calls > 0).sum());
        summary.put("batches", database.state().up() ? mass.snapshot().size() : -1);
        return summary;
    }

    private List<Map<String, Object>> lanes() {
        List<Map<String, Object>> lanes = new ArrayList<>();
        for (String lane : List.of("online", "mass")) {
            LaneGate gate = gates.get(lane);
            // FK unreachable, refusing the organisation or having retired the version: the lane's work waits
            FkCallMetrics.Reach fk = calls.reach("lefi");
            boolean fkTakesCalls = fk == null || fk.state() == FkCallMetrics.State.ANSWERED;
            boolean running = leadership.leads() && gate.isOpen() && fkTakesCalls;
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("lane", lane);
            shown.put("state", running ? "running" : "holding");
            shown.put("why", !leadership.leads() ? "this node stands by: " + leadership.describe()
                    : fkTakesCalls ? gate.describe() : "LEFI " + fk.state().name().toLowerCase() + ": " + fk.detail());
            Instant next = gate.nextChange();
            shown.put("until", next == null || next.equals(Instant.MAX) ? "" : next.toString());
            shown.put("callsLastMinute", calls.callsLastMinute(lane));
            shown.put("limitPerMinute", calls.limitPerSecond(lane) * 60);
            shown.put("waiting", depth(laneQueues.get(lane)));
            lanes.add(shown);
        }
        return lanes;
    }

    /** What waits for the budgets, class by class. */
    private List<Map<String, Object>> waiting() {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (WaitingWork budget : waitingWork) {
            try {
                for (WaitingWork.Waiting waiting : budget.now()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("budget", budget.budget());
                    row.put("class", waiting.workClass());
                    row.put("waiting", waiting.calls());
                    row.put("oldestSeconds", waiting.oldestMillis() == null ? null : waiting.oldestMillis() / 1000);
                    row.put("late", budget.isLate(waiting));
                    shown.add(row);
                }
            } catch (RuntimeException unreachable) {
                shown.add(Map.of("budget", budget.budget(), "class", "", "waiting", -1, "late", false));
            }
        }
        return shown;
    }

    private List<Map<String, Object>> batches() throws SQLException {
        List<Map<String, Object>> batches = new ArrayList<>();
        List<MassProgress.BatchProgress> shownBatches = new ArrayList<>(mass.snapshot());
        shownBatches.addAll(mass.recentlyDone());
        for (MassProgress.BatchProgress batch : shownBatches) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("batch", batch.name());
            shown.put("id", batch.id());
            shown.put("state", batch.state().name().toLowerCase());
            shown.put("rows", batch.rowsRead());
            shown.put("answered", batch.rowsAnswered());
            shown.put("counts", batch.rows());
            shown.put("chunks", batch.chunks());
            shown.put("calls", batch.calls());
            shown.put("estimate", batch.state() == MassBatch.State.DONE ? "done" : mass.estimate(batch).describe());
            batches.add(shown);
        }
        return batches;
    }

    private Map<String, Object> leka() throws SQLException {
        Map<String, Object> leka = new LinkedHashMap<>();
        Instant today = LocalDate.now(clock.withZone(MassCalendar.STOCKHOLM)).atStartOfDay(MassCalendar.STOCKHOLM)
                .toInstant();
        // what happened (the audit log), then where the notifications are now (their states)
        leka.put("delivered to every endpoint today", audit.countSince("notification", "DELIVERED", today));
        leka.put("dead-lettered today", audit.countSince("notification", "DEAD_LETTERED", today));
        for (Counter delivered : meters.find("leka.notifications.delivered").counters()) {
            leka.put("delivered to " + delivered.getId().getTag("endpoint") + " since start",
                    Math.round(delivered.count()));
        }
        leka.put("now being delivered", notifications.count(NotificationLog.State.RECEIVED));
        leka.put("now waiting for LEKA's acknowledgement", notifications.count(NotificationLog.State.DELIVERED));
        leka.put("subscription commands answered today", audit.countSince("subscription", today));
        return leka;
    }

    /** The files set aside in the error folders, each with the reason its report gives. */
    private List<Map<String, String>> setAside() {
        List<Map<String, String>> files = new ArrayList<>();
        for (String kind : KINDS) {
            Path folder = dataDir.resolve("error").resolve(kind);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> reports = Files.list(folder)) {
                reports.filter(report -> report.getFileName().toString().endsWith(".error.json")).sorted()
                        .forEach(report -> files.add(Map.of("kind", kind, "file", PersonnummerMask.mask(
                                report.getFileName().toString().replaceFirst("\\.error\\.json$", "")),
                                "reason", reason(report))));
            } catch (IOException unreadable) {
                files.add(Map.of("kind", kind, "file", "", "reason", "the folder cannot be read"));
            }
        }
        return files;
    }

    private String reason(Path report) {
        try {
            JsonNode read = json.readTree(report.toFile());
            return read.path("error").asText(read.path("reason").asText(""));
        } catch (IOException unreadable) {
            return "the report cannot be read";
        }
    }

    private long depth(String queue) {
        if (broker == null || queue == null) {
            return -1;
        }
        try {
            return broker.messageCount(queue);
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }
}
