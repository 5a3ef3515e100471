package se.lefileka.online;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import se.lefileka.audit.Pseudonyms;
import se.lefileka.intake.UnreadableInputException;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.InvalidQueryException;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.QueryValidator;
import se.lefileka.query.ResultStatus;

/** Reads online queries from files and messages, and checks each before it may go to FK. */
public class OnlineIntake {

    public static final String REQUEST_ID = "LefiRequestId";

    private final ObjectMapper json;
    private final QueryValidator validator;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final String apiVersion;

    public OnlineIntake(ObjectMapper json, QueryValidator validator, Pseudonyms pseudonyms, Clock clock,
                        String apiVersion) {
        this.json = json;
        this.validator = validator;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /** A file's queries: one object, or an array of them. */
    public List<JsonNode> readFile(String text) throws UnreadableInputException {
        JsonNode root = parse(text);
        List<JsonNode> queries = new ArrayList<>();
        if (root.isObject()) {
            queries.add(root);
        } else if (root.isArray() && !root.isEmpty()) {
            root.forEach(queries::add);
        } else {
            throw new UnreadableInputException("expected a query object or a non-empty array of query objects, found "
                    + (root.isArray() ? "an empty array" : "a JSON " + root.getNodeType().name().toLowerCase()));
        }
        return queries;
    }

    /** A message's query: one object. */
    public JsonNode readMessage(String text) throws UnreadableInputException {
        JsonNode root = parse(text);
        if (!root.isObject()) {
            throw new UnreadableInputException("expected a query object, found a JSON "
                    + root.getNodeType().name().toLowerCase());
        }
        return root;
    }

    /**
     * Checks one query. Returns the {@link se.lefileka.query.OnlineQuery} to send, or a
     * {@code REJECTED} {@link QueryResult} saying which field is wrong and why.
     */
    public Object accept(JsonNode query, Exchange exchange) {
        String requestId = validator.requestIdOf(query);
        exchange.getMessage().setHeader(REQUEST_ID, requestId);
        try {
            OnlineQuery valid = validator.validate(query, requestId);
            exchange.getMessage().setHeader("LefiPersonRef", pseudonyms.of(valid.personnummer()));
            exchange.getMessage().setHeader("LefiPurpose", valid.purpose());
            return valid;
        } catch (InvalidQueryException e) {
            OffsetDateTime now = AnswerTime.now(clock);
            return QueryResult.problem(requestId, null, ResultStatus.REJECTED, Problem.of(e), now, apiVersion);
        }
    }

    private JsonNode parse(String text) throws UnreadableInputException {
        if (text == null || text.isBlank()) {
            throw new UnreadableInputException("the input is empty");
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException("not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }
}
