package se.lefileka.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Reads the JSON requests users send: a file holds one object or an array of them, a message one
 * object. Text is read as UTF-8 (a byte order mark allowed), within the {@link InputLimits}; anything
 * else is refused with a reason that names where, never what, the input holds.
 */
public final class JsonInput {

    private final ObjectMapper json;
    private final InputLimits limits;
    private final String what;

    /**
     * @param json a mapper made by {@link InputLimits#reader}
     * @param what what one object is, for error messages ("query", "subscription command")
     */
    public JsonInput(ObjectMapper json, InputLimits limits, String what) {
        this.json = json;
        this.limits = limits;
        this.what = what;
    }

    /** An inbox file's requests: one object, or a non-empty array of them. */
    public List<JsonNode> objects(Exchange exchange) throws UnreadableInputException {
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        limits.checkSize(length == null ? 0 : length, "the file");
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        limits.checkSize(bytes == null ? 0 : bytes.length, "the file");
        JsonNode root = parse(Utf8.decode(bytes == null ? new byte[0] : bytes, "the file"));
        List<JsonNode> objects = new ArrayList<>();
        if (root.isObject()) {
            objects.add(root);
        } else if (root.isArray() && !root.isEmpty()) {
            root.forEach(objects::add);
        } else {
            throw new UnreadableInputException("expected a " + what + " object or a non-empty array of " + what
                    + " objects, found " + (root.isArray() ? "an empty array" : "a JSON " + type(root)));
        }
        return objects;
    }

    /** A message's request (its text read by {@link JmsText}): one object. */
    public JsonNode object(String text) throws UnreadableInputException {
        JsonNode root = parse(Utf8.withoutByteOrderMark(text));
        if (!root.isObject()) {
            throw new UnreadableInputException("expected a " + what + " object, found a JSON " + type(root));
        }
        return root;
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private JsonNode parse(String text) throws UnreadableInputException {
        // Artemis hands an empty BytesMessage over as four NUL bytes
        if (text == null || text.replace("\0", "").isBlank()) {
            throw new UnreadableInputException("the input is empty");
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException(problem(e, limits));
        }
    }

    /**
     * What is wrong with JSON that could not be read, and where: never Jackson's own message, which
     * may quote the input.
     */
    public static String problem(JsonProcessingException e, InputLimits limits) {
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.contains("nesting depth")) {
                return "nested more than " + limits.maxNestingDepth() + " levels deep (bundle.input.max-nesting-depth)"
                        + where;
            }
            if (message.contains("String value length")) {
                return "holds a string longer than " + limits.maxStringLength()
                        + " characters (bundle.input.max-string-length)" + where;
            }
            return "is longer than " + limits.maxBytes() + " bytes (bundle.input.max-bytes)";
        }
        if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return "has more after the JSON value" + where;
        }
        return "not valid JSON" + where;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
