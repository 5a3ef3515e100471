package se.lefileka.fk;

/**
 * FK is closed for the call: a service window ({@code 503 SERVICEFONSTER}) or, for mass calls,
 * outside opening hours ({@code 503 STANGT}). The work waits until FK opens again; time spent
 * waiting for that never makes it fail.
 */
public class FkClosedException extends FkUnavailableException {

    public FkClosedException(String reason, Integer retryAfterSeconds) {
        super(reason, retryAfterSeconds);
    }
}
