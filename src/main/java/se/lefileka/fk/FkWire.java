package se.lefileka.fk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Puts a call a version's mapper worded on the wire (HTTP method, path, headers, body) and reads
 * the JSON FK answers with. One per service (LEFI, LEKA) and API version.
 */
public final class FkWire {

    private final Map<String, String> headers;
    private final ObjectMapper json;

    /** @param headers the headers every call of the version carries */
    public FkWire(Map<String, String> headers, ObjectMapper json) {
        this.headers = Map.copyOf(headers);
        this.json = json;
    }

    /** Sets the call's HTTP headers on the message and returns its body as text (null for none). */
    public String prepare(Message message, FkRequest request, String requestId) throws JsonProcessingException {
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        int query = request.path().indexOf('?');
        message.setHeader(Exchange.HTTP_PATH, query < 0 ? request.path() : request.path().substring(0, query));
        if (query >= 0) {
            message.setHeader(Exchange.HTTP_QUERY, request.path().substring(query + 1));
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Request-Id", requestId);
        headers.forEach(message::setHeader);
        return request.body() == null ? null : json.writeValueAsString(request.body());
    }

    public JsonNode read(String body) throws JsonProcessingException {
        return json.readTree(body == null || body.isBlank() ? "{}" : body);
    }

    public <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return json.readValue(body, type);
    }

    /** The HTTP status FK answered with. */
    public static int status(Message message) {
        return message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }
}
