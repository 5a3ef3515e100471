package se.lefileka.mass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import se.lefileka.message.Headers;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/**
 * The mass aggregator's strategy. Per batch it keeps counts, never rows: rows read, rows answered
 * per status, and which chunks were counted (a bit each, so an event delivered twice after a
 * crash is not counted twice). The batch is complete once its input is read and every row is
 * answered; the strategy then sets the header {@value #Headers.BATCH_COMPLETE}.
 */
public class MassTally implements AggregationStrategy {


    private final ObjectMapper json;

    public MassTally(ObjectMapper json) {
        this.json = json;
    }

    /** What is kept per batch (as JSON, in the aggregation repository). */
    public static final class Tally {
        public Integer rowsRead;
        public int answered;
        public Map<ResultStatus, Integer> counts = new EnumMap<>(ResultStatus.class);
        public String chunks = "";

        public boolean complete() {
            return rowsRead != null && answered >= rowsRead;
        }
    }

    /**
     * One event: a chunk answered ({@code chunk} set), the whole input read ({@code read}), or the
     * whole batch as its chunks record it ({@code reconcile}: {@code rows} read in {@code chunks}
     * chunks, every one answered, with the counts of all rows).
     */
    public static final class Event {
        public Integer chunk;
        public boolean read;
        public boolean reconcile;
        public int chunks;
        public int rows;
        public Map<ResultStatus, Integer> counts = new EnumMap<>(ResultStatus.class);
    }

    public static String chunkEvent(ObjectMapper json, int chunkNo, List<QueryResult> results)
            throws JsonProcessingException {
        return chunkEvent(json, chunkNo, results.size(), counts(results));
    }

    /** A chunk of {@code rows} rows answered with these counts. */
    public static String chunkEvent(ObjectMapper json, int chunkNo, int rows, Map<ResultStatus, Integer> counts)
            throws JsonProcessingException {
        Event event = new Event();
        event.chunk = chunkNo;
        event.rows = rows;
        event.counts = new EnumMap<>(counts);
        return json.writeValueAsString(event);
    }

    public static String readEvent(ObjectMapper json, int rows, int rejected) throws JsonProcessingException {
        Event event = new Event();
        event.read = true;
        event.rows = rows;
        event.counts.put(ResultStatus.REJECTED, rejected);
        return json.writeValueAsString(event);
    }

    public static String reconcileEvent(ObjectMapper json, int rows, int chunks, Map<ResultStatus, Integer> counts)
            throws JsonProcessingException {
        Event event = new Event();
        event.reconcile = true;
        event.rows = rows;
        event.chunks = chunks;
        event.counts.putAll(counts);
        return json.writeValueAsString(event);
    }

    public static Map<ResultStatus, Integer> counts(List<QueryResult> results) {
        Map<ResultStatus, Integer> counts = new EnumMap<>(ResultStatus.class);
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    @Override
    public Exchange aggregate(Exchange kept, Exchange arrived) {
        try {
            Tally tally = kept == null ? new Tally() : json.readValue(kept.getMessage().getBody(String.class), Tally.class);
            add(tally, json.readValue(arrived.getMessage().getBody(String.class), Event.class));
            Exchange target = kept == null ? arrived : kept;
            target.getMessage().setBody(json.writeValueAsString(tally));
            target.getMessage().setHeader(Headers.BATCH_COMPLETE, tally.complete());
            return target;
        } catch (JsonProcessingException e) {
            throw new RuntimeCamelException("Unreadable mass tally", e);
        }
    }

    static void add(Tally tally, Event event) {
        if (event.reconcile) {
            BitSet every = new BitSet();
            every.set(0, event.chunks);
            tally.rowsRead = event.rows;
            tally.answered = event.rows;
            tally.chunks = Base64.getEncoder().encodeToString(every.toByteArray());
            tally.counts = new EnumMap<>(ResultStatus.class);
            tally.counts.putAll(event.counts);
            return;
        }
        if (event.read) {
            if (tally.rowsRead != null) {
                return;
            }
            tally.rowsRead = event.rows;
            tally.answered += event.counts.getOrDefault(ResultStatus.REJECTED, 0);
        } else {
            BitSet counted = BitSet.valueOf(Base64.getDecoder().decode(tally.chunks));
            if (counted.get(event.chunk)) {
                return;
            }
            counted.set(event.chunk);
            tally.chunks = Base64.getEncoder().encodeToString(counted.toByteArray());
            tally.answered += event.rows;
        }
        event.counts.forEach((status, n) -> tally.counts.merge(status, n, Integer::sum));
    }
}
