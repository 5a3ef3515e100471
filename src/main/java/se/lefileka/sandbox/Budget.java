package se.lefileka.sandbox;

/** The SLA's two capacity budgets, with the limits FK judges them by (CONTRACT.md, "Capacity limits"). */
public enum Budget {
    /** LEFI online queries and every LEKA call. */
    ONLINE(1, 1, 60, 3600),
    /** LEFI mass submissions and polls. */
    MASS(5, 2, 120, 7200);

    /** A thread stays busy this long after its response ended. */
    public static final long GAP_MILLIS = 300;

    final int threads;
    final int perSecond;
    final int perMinute;
    final int perHour;

    Budget(int threads, int perSecond, int perMinute, int perHour) {
        this.threads = threads;
        this.perSecond = perSecond;
        this.perMinute = perMinute;
        this.perHour = perHour;
    }
}
