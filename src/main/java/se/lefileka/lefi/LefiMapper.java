package se.lefileka.lefi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.lefileka.fk.FkRequest;
import se.lefileka.query.OnlineQuery;

/**
 * Everything LEFI-specific about one API version: paths, field names, date forms and codes.
 * Nothing outside the implementations of this interface knows how LEFI words a call.
 */
public interface LefiMapper {

    /** {@code v1} or {@code v2}. */
    String version();

    /** Headers every call of this version carries. */
    Map<String, String> headers(String organisationsnummer);

    /** The online query call. */
    FkRequest onlineQuery(OnlineQuery query, String fragaId);

    /** The mass submission of up to 500 queries that share one purpose. */
    FkRequest massSubmission(String fragaId, String purpose, List<OnlineQuery> queries);

    /** The poll of a mass case. */
    FkRequest massPoll(String arendeId);

    /** The case id in FK's answer to a mass submission. */
    default String arendeId(JsonNode submitted) {
        return submitted.path("arendeId").asText("");
    }

    /** Whether a polled mass case is done ({@code KLAR}); if not, it is still being worked on. */
    default boolean massDone(JsonNode polled) {
        return "KLAR".equals(polled.path("status").asText());
    }

    /** The {@code personsvar} of a done mass case, one per submitted query, in the submitted order. */
    default List<JsonNode> massAnswers(JsonNode polled) {
        List<JsonNode> answers = new ArrayList<>();
        polled.path("svar").forEach(answers::add);
        return answers;
    }

    /** Reads one {@code personsvar}. */
    PersonAnswer personAnswer(JsonNode personsvar);
}
