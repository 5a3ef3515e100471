package se.lefileka.query;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why a query was rejected or failed, and which field, if one is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String field, String reason) {

    public static Problem of(InvalidQueryException e) {
        return new Problem(e.field(), e.reason());
    }

    public static Problem failure(String reason) {
        return new Problem(null, reason);
    }
}
