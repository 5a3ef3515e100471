package se.lefileka.lefi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Message;
import se.lefileka.fk.FkRequest;
import se.lefileka.fk.FkWire;

/** The configured LEFI version's {@link LefiMapper} and its wire, shared by the online and the mass calls. */
public final class LefiWire {

    private final LefiMapper mapper;
    private final FkWire wire;

    public LefiWire(LefiMapper mapper, String organisationsnummer, ObjectMapper json) {
        this.mapper = mapper;
        this.wire = new FkWire(mapper.headers(organisationsnummer), json);
    }

    LefiMapper mapper() {
        return mapper;
    }

    String version() {
        return mapper.version();
    }

    String prepare(Message message, FkRequest request, String requestId) throws JsonProcessingException {
        return wire.prepare(message, request, requestId);
    }

    JsonNode read(String body) throws JsonProcessingException {
        return wire.read(body);
    }

    <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return wire.read(body, type);
    }

    static int status(Message message) {
        return FkWire.status(message);
    }
}
