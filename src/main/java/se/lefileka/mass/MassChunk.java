package se.lefileka.mass;

import java.util.List;
import se.lefileka.query.OnlineQuery;

/**
 * One mass submission: up to {@code lefi.mass.chunk-size} checked rows of a batch that share a
 * purpose, in input order, under the {@code fragaId} it is always submitted with, and, once FK
 * took it, the case ({@code arendeId}) to poll. It travels the mass lane as JSON.
 */
public record MassChunk(String batchId, int number, String fragaId, String purpose, String arendeId, List<Row> rows) {

    /** One input row: its number in the batch and its query. */
    public record Row(int line, OnlineQuery query) {
    }

    public MassChunk withArendeId(String id) {
        return new MassChunk(batchId, number, fragaId, purpose, id, rows);
    }

    /** The chunk without its rows: a poll's lane message (its rows are kept in the database). */
    public MassChunk withoutRows() {
        return new MassChunk(batchId, number, fragaId, purpose, arendeId, List.of());
    }

    public int firstLine() {
        return rows.get(0).line();
    }

    public List<OnlineQuery> queries() {
        return rows.stream().map(Row::query).toList();
    }

    @Override
    public String toString() {
        return "MassChunk[batch=" + batchId + ", number=" + number + ", rows=" + rows.size() + "]";
    }
}
