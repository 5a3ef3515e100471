package se.lefileka.sandbox;

/** A request FK would answer {@code 400 OGILTIG_FRAGA}. */
final class BadRequest extends RuntimeException {

    BadRequest(String meddelande) {
        super(meddelande, null, false, false);
    }
}
