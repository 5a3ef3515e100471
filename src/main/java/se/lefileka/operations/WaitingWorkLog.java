package se.lefileka.operations;

import java.util.List;

/** What waits for each budget, class by class, in the log (route {@code waiting-work-log}). */
public final class WaitingWorkLog {

    private final List<WaitingWork> budgets;

    public WaitingWorkLog(List<WaitingWork> budgets) {
        this.budgets = List.copyOf(budgets);
    }

    public void log() {
        budgets.forEach(WaitingWork::log);
    }
}
