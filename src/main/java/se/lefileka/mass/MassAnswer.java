package se.lefileka.mass;

import java.util.List;
import se.lefileka.query.QueryResult;

/** What became of a mass call: FK took the chunk, is still working on it, answered it, or forgot it. */
public record MassAnswer(MassChunk chunk, Kind kind, Integer retryAfterSeconds, List<QueryResult> results) {

    public enum Kind {
        /** FK opened a case for the chunk: poll it. */
        ACCEPTED,
        /** The case is being worked on ({@code PAGAR}): poll again after Retry-After. */
        PENDING,
        /** Every row has its result (answered by FK, or refused or failed as a whole). */
        ANSWERED,
        /** The case is older than FK keeps cases: submit the chunk again, under the same fragaId. */
        EXPIRED
    }

    public static MassAnswer accepted(MassChunk chunk) {
        return new MassAnswer(chunk, Kind.ACCEPTED, null, List.of());
    }

    public static MassAnswer pending(MassChunk chunk, Integer retryAfterSeconds) {
        return new MassAnswer(chunk, Kind.PENDING, retryAfterSeconds, List.of());
    }

    public static MassAnswer answered(MassChunk chunk, List<QueryResult> results) {
        return new MassAnswer(chunk, Kind.ANSWERED, null, results);
    }

    public static MassAnswer expired(MassChunk chunk) {
        return new MassAnswer(chunk, Kind.EXPIRED, null, List.of());
    }

    @Override
    public String toString() {
        return "MassAnswer[" + chunk + ", " + kind + "]";
    }
}
