package se.lefileka.lefi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import se.lefileka.fk.FkRequest;

/**
 * Puts a call a {@link LefiMapper} worded on the wire (HTTP method, path, headers, body) and reads
 * the JSON FK answers with. Shared by the online and the mass calls of one API version.
 */
public final class LefiWire {

    private final LefiMapper mapper;
    private final String organisationsnummer;
    private final ObjectMapper json;

    public LefiWire(LefiMapper mapper, String organisationsnummer, ObjectMapper json) {
        this.mapper = mapper;
        this.organisationsnummer = organisationsnummer;
        this.json = json;
    }

    LefiMapper mapper() {
        return mapper;
    }

    String version() {
        return mapper.version();
    }

    /** Sets the call's HTTP headers on the message and returns its body as text (null for none). */
    String prepare(Message message, FkRequest request, String requestId) throws JsonProcessingException {
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_PATH, request.path());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Request-Id", requestId);
        mapper.headers(organisationsnummer).forEach(message::setHeader);
        return request.body() == null ? null : json.writeValueAsString(request.body());
    }

    JsonNode read(String body) throws JsonProcessingException {
        return json.readTree(body);
    }

    <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return json.readValue(body, type);
    }

    static int status(Message message) {
        return message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }
}
