package se.lefileka.fk;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * FK answered, but its answer cannot be read: a body that is not JSON, cut short, or without a
 * field the contract requires. The message names what was wrong, never a value from the answer
 * (it may be personal data). Not an {@link java.io.IOException}: it is no reason to call again.
 */
public class UnreadableAnswerException extends RuntimeException {

    public UnreadableAnswerException(String reason) {
        super(reason, null, false, false);
    }

    /**
     * What was wrong with an answer that failed to be read, in words that hold nothing of the
     * answer itself (a parser's own message may quote it).
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "it does not have the contract's form";
        }
        if (failure instanceof UnreadableAnswerException unreadable) {
            return unreadable.getMessage();
        }
        if (failure instanceof JsonEOFException) {
            return "its JSON is cut short";
        }
        if (failure instanceof JsonParseException parse) {
            return "it is not JSON (at line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ")";
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "it does not have the contract's form at '" + mapping.getPath().stream()
                    .map(step -> step.getFieldName() != null ? step.getFieldName() : String.valueOf(step.getIndex()))
                    .collect(Collectors.joining(".")) + "'";
        }
        if (failure instanceof DateTimeParseException) {
            return "a date in it is not a date";
        }
        return "it does not have the contract's form (" + failure.getClass().getSimpleName() + ")";
    }
}
