package se.lefileka.mass;

import java.util.List;
import se.lefileka.query.QueryResult;

/** What became of a mass call: FK took the chunk, is still working on it, answered it, or forgot it. */
public record MassReply(MassChunk chunk, Kind kind, Integer retryAfterSeconds, List<QueryResult> results) {

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

    public static MassReply accepted(MassChunk chunk) {
        return new MassReply(chunk, Kind.ACCEPTED, null, List.of());
    }

    public static MassReply pending(MassChunk chunk, Integer retryAfterSeconds) {
        return new MassReply(chunk, Kind.PENDING, retryAfterSeconds, List.of());
    }

    public static MassReply answered(MassChunk chunk, List<QueryResult> results) {
        return new MassReply(chunk, Kind.ANSWERED, null, results);
    }

    public static MassReply expired(MassChunk chunk) {
        return new MassReply(chunk, Kind.EXPIRED, null, List.of());
    }

    @Override
    public String toString() {
        return "MassReply[" + chunk + ", " + kind + "]";
    }
}
