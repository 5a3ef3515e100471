package se.lefileka.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.function.ToDoubleFunction;
import se.lefileka.broker.BrokerQueues;
import se.lefileka.mass.MassProgress;
import se.lefileka.query.ResultStatus;

/**
 * Gauges read when Prometheus scrapes: the depth of the lanes' and the bundle's queues (the
 * embedded broker's, or an external one's through its management API) and the progress of running mass batches (summed over batches: no label
 * names a batch or a person).
 */
public final class BundleMetrics {

    private BundleMetrics() {
    }

    public static void queueDepths(MeterRegistry meters, BrokerQueues broker, List<String> queues) {
        for (String queue : queues) {
            Gauge.builder("bundle.queue.depth", () -> depth(broker, queue)).tag("queue", queue)
                    .description("messages waiting on the queue").register(meters);
        }
    }

    /** Per class of work of a budget: the calls waiting and the age of the oldest (0 when none). */
    public static void waitingWork(MeterRegistry meters, WaitingWork work) {
        work.queueByClass().forEach((workClass, queue) -> {
            Gauge.builder("bundle.work.waiting", () -> depth(work, workClass, false)).tag("budget", work.budget())
                    .tag("class", workClass).description("calls of the class waiting for a turn of the budget")
                    .register(meters);
            Gauge.builder("bundle.work.oldest.seconds", () -> depth(work, workClass, true)).tag("budget", work.budget())
                    .tag("class", workClass).description("how long the oldest waiting call of the class has waited")
                    .register(meters);
        });
    }

    private static double depth(WaitingWork work, String workClass, boolean age) {
        try {
            WaitingWork.Waiting waiting = work.now().stream().filter(w -> w.workClass().equals(workClass)).findFirst()
                    .orElseThrow();
            return age ? (waiting.oldestMillis() == null ? 0 : waiting.oldestMillis() / 1000.0) : waiting.calls();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    private static double depth(BrokerQueues broker, String queue) {
        try {
            return broker.messageCount(queue);
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    public static void massProgress(MeterRegistry meters, MassProgress progress) {
        gauge(meters, progress, "lefi.mass.batches.running", "mass batches not yet done", batches -> batches.size());
        gauge(meters, progress, "lefi.mass.rows.read", "rows read of the running batches",
                batches -> batches.stream().mapToInt(MassProgress.BatchProgress::rowsRead).sum());
        gauge(meters, progress, "lefi.mass.rows.answered", "rows answered of the running batches",
                batches -> batches.stream().mapToInt(MassProgress.BatchProgress::rowsAnswered).sum());
        gauge(meters, progress, "lefi.mass.calls", "FK calls (submissions and polls) of the running batches",
                batches -> batches.stream().mapToInt(MassProgress.BatchProgress::calls).sum());
        gauge(meters, progress, "lefi.mass.polls", "polls of the running batches",
                batches -> batches.stream().mapToInt(MassProgress.BatchProgress::polls).sum());
        gauge(meters, progress, "lefi.mass.estimated.done.seconds",
                "seconds until every running batch should be done (its calls at the budget's rate, in opening hours)",
                batches -> batches.stream().mapToDouble(progress::secondsToDone).max().orElse(0));
        Gauge.builder("lefi.mass.case.seconds", progress, p -> p.caseSeconds() == null ? Double.NaN : p.caseSeconds())
                .description("how long FK takes a mass case, as learned (nineteen in twenty are ready by then)").register(meters);
        for (ResultStatus status : ResultStatus.values()) {
            Gauge.builder("lefi.mass.rows.by.status", progress, p -> sum(p, status)).tag("status", status.name())
                    .description("rows of the running batches answered with the status").register(meters);
        }
    }

    private static void gauge(MeterRegistry meters, MassProgress progress, String name, String description,
                              ToDoubleFunction<List<MassProgress.BatchProgress>> value) {
        Gauge.builder(name, progress, p -> {
            try {
                return value.applyAsDouble(p.snapshot());
            } catch (SQLException e) {
                return Double.NaN;
            }
        }).description(description).register(meters);
    }

    private static double sum(MassProgress progress, ResultStatus status) {
        try {
            return progress.snapshot().stream().mapToInt(b -> b.rows().getOrDefault(status, 0)).sum();
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
