package se.lefileka.fk;

/**
 * FK could not take the call now (429, 5xx, a service window, a retired version): the call had
 * no effect and is to be made again later, not before {@link #retryAfterSeconds()} if FK said so.
 */
public class FkUnavailableException extends RuntimeException {

    private final Integer retryAfterSeconds;

    public FkUnavailableException(String reason, Integer retryAfterSeconds) {
        super(reason, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** FK's Retry-After in seconds, or null when FK named none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
