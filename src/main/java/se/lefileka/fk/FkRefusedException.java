package se.lefileka.fk;

/**
 * FK does not accept the calling organisation ({@code 401} or {@code 403}): its certificate, its
 * organisationsnummer or its agreement. Like a closed FK, the work waits (it never fails for it)
 * until an operator puts it right.
 */
public class FkRefusedException extends FkClosedException {

    public FkRefusedException(String message, Integer retryAfterSeconds) {
        super(message, retryAfterSeconds);
    }
}
