package se.lefileka.lefi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import se.lefileka.fk.FkError;
import se.lefileka.fk.UnreadableAnswerException;
import se.lefileka.mass.MassChunk;
import se.lefileka.mass.MassAnswer;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/**
 * The LEFI mass calls as the mass lane makes them: the submission of a chunk and the poll of its
 * case, worded through the configured version's {@link LefiMapper}. FK's answer becomes a
 * {@link MassAnswer}; a transient fault is thrown for the lane to retry.
 */
public class LefiMassApi {


    private final LefiWire wire;
    private final Clock clock;
    private final ChunkRows rows;

    /** Where a chunk whose lane message carries no rows (a poll's) finds them. */
    @FunctionalInterface
    public interface ChunkRows {
        MassChunk withRows(MassChunk chunk) throws JsonProcessingException;
    }

    public LefiMassApi(LefiWire wire, Clock clock, ChunkRows rows) {
        this.wire = wire;
        this.clock = clock;
        this.rows = rows;
    }

    /** Words the submission of the chunk in the exchange's body (JSON). */
    public String submitRequest(Exchange exchange) throws Exception {
        MassChunk chunk = chunkOf(exchange);
        return wire.prepare(exchange.getMessage(),
                wire.mapper().massSubmission(chunk.fragaId(), chunk.purpose(), chunk.queries()), chunk.fragaId());
    }

    public MassAnswer submitAnswer(Exchange exchange) throws JsonProcessingException {
        MassChunk chunk = exchange.getProperty(ExchangeProperties.MASS_CHUNK, MassChunk.class);
        Message message = exchange.getMessage();
        int status = LefiWire.status(message);
        String body = message.getBody(String.class);
        if (status == 202 || status == 200) {
            String arendeId = wire.mapper().arendeId(wire.read(body));
            if (arendeId.isBlank()) {
                throw new UnreadableAnswerException("field 'arendeId' is missing");
            }
            return MassAnswer.accepted(chunk.withArendeId(arendeId));
        }
        return refusedOrThrow(chunk, FkError.read(status, body), message, "FK refused the submission: ");
    }

    /** Words the poll of the case of the chunk in the exchange's body (JSON). */
    public String pollRequest(Exchange exchange) throws Exception {
        MassChunk chunk = chunkOf(exchange);
        return wire.prepare(exchange.getMessage(), wire.mapper().massPoll(chunk.arendeId()), chunk.fragaId());
    }

    public MassAnswer pollAnswer(Exchange exchange) throws JsonProcessingException {
        MassChunk chunk = exchange.getProperty(ExchangeProperties.MASS_CHUNK, MassChunk.class);
        Message message = exchange.getMessage();
        int status = LefiWire.status(message);
        String body = message.getBody(String.class);
        if (status == 200 || status == 202) {
            JsonNode polled = wire.read(body);
            if (status == 200 && wire.mapper().massDone(polled)) {
                return MassAnswer.answered(chunk, results(chunk, wire.mapper().massAnswers(polled)));
            }
            return MassAnswer.pending(chunk, FkError.retryAfterSeconds(message.getHeader("Retry-After", String.class)));
        }
        FkError error = FkError.read(status, body);
        if (status == 410 && "ARENDE_UTGANGET".equals(error.code())) {
            return MassAnswer.expired(chunk);
        }
        return refusedOrThrow(chunk, error, message, "FK could not give the answers: ");
    }

    private MassAnswer refusedOrThrow(MassChunk chunk, FkError error, Message message, String why) {
        if (error.isTransient()) {
            throw error.unavailable(message.getHeader("Retry-After", String.class));
        }
        ResultStatus outcome = error.status() == 400 ? ResultStatus.REJECTED : ResultStatus.FAILED;
        Problem problem = Problem.failure(why + error + " " + error.message());
        OffsetDateTime now = AnswerTime.now(clock);
        List<QueryResult> results = chunk.queries().stream()
                .map(q -> QueryResult.problem(q.requestId(), q.personnummer(), outcome, problem, now, wire.version()))
                .toList();
        return MassAnswer.answered(chunk, withLines(chunk, results));
    }

    /** One result per row, from FK's answers in the submitted order. */
    private List<QueryResult> results(MassChunk chunk, List<JsonNode> answers) {
        OffsetDateTime now = AnswerTime.now(clock);
        List<QueryResult> results = new ArrayList<>();
        for (int i = 0; i < chunk.rows().size(); i++) {
            OnlineQuery query = chunk.rows().get(i).query();
            PersonAnswer answer;
            try {
                answer = i < answers.size() ? wire.mapper().personAnswer(answers.get(i)) : null;
            } catch (RuntimeException unreadable) {
                results.add(QueryResult.problem(query.requestId(), query.personnummer(), ResultStatus.FAILED,
                        Problem.failure("FK's answer for this row cannot be read: "
                                + UnreadableAnswerException.describe(unreadable)), now, wire.version()));
                continue;
            }
            if (answer == null || (answer.personnummer() != null && !answer.personnummer().equals(query.personnummer()))) {
                results.add(QueryResult.problem(query.requestId(), query.personnummer(), ResultStatus.FAILED,
                        Problem.failure("FK's answer to the case does not hold this row"), now, wire.version()));
            } else {
                results.add(answer.result(query, now, wire.version()));
            }
        }
        return withLines(chunk, results);
    }

    private static List<QueryResult> withLines(MassChunk chunk, List<QueryResult> results) {
        List<QueryResult> numbered = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            numbered.add(results.get(i).withLine(chunk.rows().get(i).line()));
        }
        return numbered;
    }

    private MassChunk chunkOf(Exchange exchange) throws JsonProcessingException {
        MassChunk chunk = rows.withRows(wire.read(exchange.getMessage().getBody(String.class), MassChunk.class));
        exchange.setProperty(ExchangeProperties.MASS_CHUNK, chunk);
        return chunk;
    }
}
