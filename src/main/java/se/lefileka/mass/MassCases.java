package se.lefileka.mass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;
import se.lefileka.sla.LaneRetry;

/**
 * The life of a chunk in the mass lane: submitted, then polled (never waiting on a thread: a
 * case still being worked on goes back on the lane's queue until FK's Retry-After), then its
 * answers written to the batch's files and counted. A case FK no longer keeps is submitted again
 * under the same fragaId.
 */
public class MassCases {

    private static final Logger LOG = LoggerFactory.getLogger(MassCases.class);

    private final ObjectMapper json;
    private final MassBatches batches;
    private final BatchFiles files;
    private final Clock clock;
    private final String apiVersion;
    private final long firstPollMillis;
    private final long pollMillis;

    public MassCases(ObjectMapper json, MassBatches batches, BatchFiles files, Clock clock, String apiVersion,
                     long firstPollMillis, long pollMillis) {
        this.json = json;
        this.batches = batches;
        this.files = files;
        this.clock = clock;
        this.apiVersion = apiVersion;
        this.firstPollMillis = firstPollMillis;
        this.pollMillis = pollMillis;
    }

    /** The lane message that submits the chunk. */
    public String submission(MassChunk chunk, Exchange exchange) throws JsonProcessingException {
        return laneMessage(chunk, "lefi-mass-submit", 0, exchange);
    }

    public void queued(MassChunk chunk) throws SQLException {
        batches.chunkQueued(chunk);
    }

    /** What the lane handed back: FK's reply, or, when the lane gave up on the call, every row {@code FAILED}. */
    public MassReply reply(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String failure = message.getHeader(LaneRetry.FAILURE, String.class);
        if (failure == null) {
            return message.getMandatoryBody(MassReply.class);
        }
        MassChunk chunk = json.readValue(message.getBody(String.class), MassChunk.class);
        OffsetDateTime now = AnswerTime.now(clock);
        List<QueryResult> failed = chunk.rows().stream()
                .map(row -> QueryResult.problem(row.query().requestId(), row.query().personnummer(),
                        ResultStatus.FAILED, Problem.failure(failure), now, apiVersion).withLine(row.line()))
                .toList();
        return MassReply.answered(chunk, failed);
    }

    /** The chunk's next call, as a lane message due when it is to be made. */
    public String nextCall(MassReply reply, Exchange exchange) throws Exception {
        MassChunk chunk = reply.chunk();
        return switch (reply.kind()) {
            case ACCEPTED -> {
                batches.chunkSubmitted(chunk);
                yield laneMessage(chunk, "lefi-mass-poll", firstPollMillis, exchange);
            }
            case PENDING -> laneMessage(chunk, "lefi-mass-poll", reply.retryAfterSeconds() == null ? pollMillis
                    : Math.max(1000L, reply.retryAfterSeconds() * 1000L), exchange);
            case EXPIRED -> {
                LOG.warn("Mass batch chunk {}: FK no longer keeps case {}; submitting it again", chunk.number(),
                        chunk.arendeId());
                yield laneMessage(chunk.withArendeId(null), "lefi-mass-submit", 0, exchange);
            }
            case ANSWERED -> throw new IllegalStateException("an answered chunk has no next call");
        };
    }

    /** Writes the chunk's results to the batch's files, records them, and returns the tally event. */
    public String answered(MassReply reply, Exchange exchange) throws IOException, SQLException {
        MassChunk chunk = reply.chunk();
        files.writeAnswers(chunk.batchId(), chunk.firstLine(), String.format("c%06d", chunk.number()),
                reply.results());
        batches.chunkAnswered(chunk, MassTally.counts(reply.results()));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(MassIntake.BATCH_ID, chunk.batchId());
        return MassTally.chunkEvent(json, chunk.number(), reply.results());
    }

    private String laneMessage(MassChunk chunk, String call, long delayMillis, Exchange exchange)
            throws JsonProcessingException {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("LefiCall", call);
        message.setHeader("LefiAnswer", "mass-reply");
        message.setHeader(MassIntake.BATCH_ID, chunk.batchId());
        if (delayMillis > 0) {
            message.setHeader(LaneRetry.SCHEDULED_DELIVERY, System.currentTimeMillis() + delayMillis);
        }
        return json.writeValueAsString(chunk);
    }
}
