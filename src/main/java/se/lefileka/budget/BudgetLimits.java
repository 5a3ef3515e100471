package se.lefileka.budget;

/**
 * A budget's limits under the SLA, each with the bundle's safety margin: at most
 * {@code perWindow} calls start in any sliding {@code windowMillis}; at most {@code threads} calls
 * are under way at once; a thread rests {@code gapMillis} after each response.
 */
public record BudgetLimits(int perWindow, long windowMillis, int threads, long gapMillis) {

    public BudgetLimits {
        if (perWindow <= 0 || windowMillis <= 0 || threads <= 0 || gapMillis < 0) {
            throw new IllegalArgumentException("a budget needs calls per window, a window and threads above 0 and "
                    + "a gap of 0 or more, not " + perWindow + " calls per " + windowMillis + " ms, " + threads
                    + " threads and " + gapMillis + " ms");
        }
    }

    /** The time one call takes of the window at full use. */
    public long millisPerCall() {
        return Math.max(1, windowMillis / perWindow);
    }
}
