package se.lefileka.sandbox;

/** The capacity rules a request start can break. */
public enum Rule {
    /** More requests in flight than the budget has threads. */
    THREADS,
    /** A request started on a thread still within 300 ms of its last response. */
    GAP,
    /** More request starts in a sliding second than allowed. */
    PER_SECOND,
    /** More request starts in a sliding minute than allowed. */
    PER_MINUTE,
    /** More request starts in a sliding hour than allowed. */
    PER_HOUR
}
