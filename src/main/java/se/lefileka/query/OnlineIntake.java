package se.lefileka.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import se.lefileka.message.Headers;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.InvalidQueryException;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.QueryValidator;
import se.lefileka.query.ResultStatus;

/** Checks each online query read from a file or a message before it may go to FK. */
public class OnlineIntake {


    private final QueryValidator validator;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final String apiVersion;

    public OnlineIntake(QueryValidator validator, Pseudonyms pseudonyms, Clock clock,
                        String apiVersion) {
        this.validator = validator;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /**
     * Checks one query. Returns the {@link se.lefileka.query.OnlineQuery} to send, or a
     * {@code REJECTED} {@link QueryResult} saying which field is wrong and why.
     */
    public Object accept(JsonNode query, Exchange exchange) {
        String requestId = validator.requestIdOf(query);
        exchange.getMessage().setHeader(Headers.REQUEST_ID, requestId);
        try {
            OnlineQuery valid = validator.validate(query, requestId);
            exchange.getMessage().setHeader(Headers.PERSON_REF, pseudonyms.of(valid.personnummer()));
            exchange.getMessage().setHeader(Headers.PURPOSE, valid.purpose());
            return valid;
        } catch (InvalidQueryException e) {
            OffsetDateTime now = AnswerTime.now(clock);
            return QueryResult.problem(requestId, null, ResultStatus.REJECTED, Problem.of(e), now, apiVersion);
        }
    }
}
