package se.lefileka.intake;

/** Input that cannot be read at all (not JSON, wrong shape, empty). Its message is safe to log. */
public class UnreadableInputException extends Exception {

    public UnreadableInputException(String reason) {
        super(reason, null, false, false);
    }
}
