package se.lefileka.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON requests users send: a file holds one object or an array of them, a message one object. */
public final class JsonInput {

    private final ObjectMapper json;
    private final String what;

    /** @param what what one object is, for error messages ("query", "subscription command") */
    public JsonInput(ObjectMapper json, String what) {
        this.json = json;
        this.what = what;
    }

    /** A file's requests: one object, or a non-empty array of them. */
    public List<JsonNode> objects(String text) throws UnreadableInputException {
        JsonNode root = parse(text);
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

    /** A message's request: one object. */
    public JsonNode object(String text) throws UnreadableInputException {
        JsonNode root = parse(text);
        if (!root.isObject()) {
            throw new UnreadableInputException("expected a " + what + " object, found a JSON " + type(root));
        }
        return root;
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private JsonNode parse(String text) throws UnreadableInputException {
        if (text == null || text.isBlank()) {
            throw new UnreadableInputException("the input is empty");
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException("not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }
}
