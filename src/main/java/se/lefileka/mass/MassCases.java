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
import se.lefileka.lane.LaneRetry;
import se.lefileka.message.Headers;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

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

    public MassCases(ObjectMapper json, MassBatches batches, BatchFiles files, Clock clock, String apiVersion) {
        this.json = json;
        this.batches = batches;
        this.files = files;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /**
     * The chunk with its rows: a poll's lane message carries none (its rows are kept in the database
     * until FK answered it); one whose rows are not kept there is returned as it is.
     */
    public MassChunk withRows(MassChunk chunk) throws JsonProcessingException {
        if (!chunk.rows().isEmpty()) {
            return chunk;
        }
        String kept = batches.keptRequest(chunk.batchId(), chunk.number());
        return kept == null ? chunk : json.readValue(kept, MassChunk.class).withArendeId(chunk.arendeId());
    }

    /** Keeps the made chunk until its batch's turn on the mass lane ({@link MassFeed}). */
    public void keep(MassChunk chunk) throws JsonProcessingException {
        batches.keep(chunk, json.writeValueAsString(chunk));
    }

    /** Whether the chunk's answer is recorded already (false for a lane message that does not name its chunk). */
    public boolean alreadyAnswered(String batchId, Integer chunkNo) {
        return batchId != null && chunkNo != null && batches.chunkIsAnswered(batchId, chunkNo);
    }

    /** What the lane handed back: FK's answer, or, when the lane gave up on the call, every row {@code FAILED}. */
    public MassAnswer answer(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String failure = message.getHeader(Headers.FAILURE, String.class);
        if (failure == null) {
            MassAnswer answer = message.getMandatoryBody(MassAnswer.class);
            if (MassPace.POLL.equals(message.getHeader(Headers.CALL))) {
                batches.chunkPolled(answer.chunk());
            }
            return answer;
        }
        MassChunk chunk = withRows(json.readValue(message.getBody(String.class), MassChunk.class));
        OffsetDateTime now = AnswerTime.now(clock);
        List<QueryResult> failed = chunk.rows().stream()
                .map(row -> QueryResult.problem(row.query().requestId(), row.query().personnummer(),
                        ResultStatus.FAILED, Problem.failure(failure), now, apiVersion).withLine(row.line()))
                .toList();
        return MassAnswer.answered(chunk, failed);
    }

    /** FK opened a case for the chunk. */
    public MassChunk submitted(MassAnswer answer) throws SQLException {
        batches.chunkSubmitted(answer.chunk());
        return answer.chunk();
    }

    /** The chunk of a case FK no longer keeps, without the case: to be submitted again under the same fragaId. */
    public MassChunk caseForgotten(MassAnswer answer) {
        LOG.warn("Mass batch chunk {}: FK no longer keeps case {}; submitting it again", answer.chunk().number(),
                answer.chunk().arendeId());
        return answer.chunk().withArendeId(null);
    }

    /** Writes the chunk's results to the batch's files, records them, and returns the tally event. */
    public String answered(MassAnswer answer, Exchange exchange) throws IOException, SQLException {
        MassChunk chunk = answer.chunk();
        files.writeAnswers(chunk.batchId(), chunk.firstLine(), String.format("c%06d", chunk.number()),
                answer.results());
        batches.chunkAnswered(chunk, MassTally.counts(answer.results()));
        // the chunk's number stays: should the event not reach the tally, the lane's request goes to the
        // dead-letter queue under it
        exchange.getMessage().removeHeaders("*", Headers.CHUNK_NO);
        exchange.getMessage().setHeader(Headers.BATCH_ID, chunk.batchId());
        return MassTally.chunkEvent(json, chunk.number(), answer.results());
    }

    /**
     * The chunk as a message for the mass lane: the call the route chose (header {@code FkCall}),
     * the batch's id and, for a poll, its case's age and polls ({@link MassPace}); due
     * {@code LefiDelayMillis} from now when set.
     */
    public String laneMessage(MassChunk chunk, Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        String call = message.getHeader(Headers.CALL, String.class);
        Long delayMillis = message.getHeader(Headers.DELAY_MILLIS, Long.class);
        message.removeHeaders("*", Headers.CASE, Headers.CASE_OPENED, Headers.POLLS_PENDING, Headers.POLL_TIME_FROM_FK);
        message.setHeader(Headers.CALL, call);
        message.setHeader(Headers.BATCH_ID, chunk.batchId());
        message.setHeader(Headers.CHUNK_NO, chunk.number());
        if (delayMillis != null && delayMillis > 0) {
            message.setHeader(LaneRetry.SCHEDULED_DELIVERY, System.currentTimeMillis() + delayMillis);
        }
        // a poll waits for its case without the chunk's rows, when the database keeps them
        boolean slim = MassPace.POLL.equals(call) && batches.keptRequest(chunk.batchId(), chunk.number()) != null;
        return json.writeValueAsString(slim ? chunk.withoutRows() : chunk);
    }
}
