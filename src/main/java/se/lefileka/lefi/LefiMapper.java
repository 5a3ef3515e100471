package se.lefileka.lefi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
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
    se.lefileka.fk.FkRequest onlineQuery(OnlineQuery query, String fragaId);

    /** Reads one {@code personsvar}. */
    PersonAnswer personAnswer(JsonNode personsvar);
}
