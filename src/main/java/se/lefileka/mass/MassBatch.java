package se.lefileka.mass;

import java.time.OffsetDateTime;

/** A mass batch as the database keeps it. */
public record MassBatch(String id, String name, String source, String channel, String fingerprint, String replyTo,
                        String correlationId, State state, int rowsRead, int rowsRejected, int chunks,
                        OffsetDateTime startedAt, OffsetDateTime endedAt) {

    public enum State {
        /** Its input is being read (again, after a restart). */
        READING,
        /** Every row is read; the chunks are with FK. */
        READ,
        /** Its output is written. */
        DONE
    }
}
