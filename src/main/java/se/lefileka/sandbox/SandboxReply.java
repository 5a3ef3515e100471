package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the sandbox answers: a status, an optional JSON body and an optional Retry-After; or, as a
 * broken FK might, a body of any text and content type ({@link #text}).
 */
record SandboxReply(int status, JsonNode body, Integer retryAfterSeconds, String text, String contentType) {

    SandboxReply(int status, JsonNode body, Integer retryAfterSeconds) {
        this(status, body, retryAfterSeconds, null, null);
    }

    static SandboxReply text(int status, String contentType, String text) {
        return new SandboxReply(status, null, null, text, contentType);
    }

    static SandboxReply ok(int status, JsonNode body) {
        return new SandboxReply(status, body, null);
    }

    static SandboxReply noContent() {
        return new SandboxReply(204, null, null);
    }

    static SandboxReply error(int status, String felkod, String meddelande) {
        return new SandboxReply(status, errorBody(felkod, meddelande), null);
    }

    static SandboxReply retryLater(int status, String felkod, String meddelande, int seconds) {
        return new SandboxReply(status, errorBody(felkod, meddelande), seconds);
    }

    static ObjectNode errorBody(String felkod, String meddelande) {
        return JsonNodeFactory.instance.objectNode().put("felkod", felkod).put("meddelande", meddelande);
    }

    static SandboxReply badRequest(String meddelande) {
        return error(400, "OGILTIG_FRAGA", meddelande);
    }

    Map<String, String> headers() {
        return retryAfterSeconds == null ? Map.of() : Map.of("Retry-After", String.valueOf(retryAfterSeconds));
    }
}
