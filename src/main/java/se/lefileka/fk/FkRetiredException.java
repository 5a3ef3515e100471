package se.lefileka.fk;

/**
 * FK retired the API version the bundle speaks ({@code 410 VERSION_UPPHORD}). Like a closed FK,
 * the work waits (it never fails for it) until an operator switches the version.
 */
public class FkRetiredException extends FkClosedException {

    public FkRetiredException(String message, Integer retryAfterSeconds) {
        super(message, retryAfterSeconds);
    }
}
