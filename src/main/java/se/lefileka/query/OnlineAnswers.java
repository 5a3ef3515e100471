package se.lefileka.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import se.lefileka.lane.LaneRetry;
import se.lefileka.message.Headers;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/** Turns what the online lane hands back into the result the user receives. */
public class OnlineAnswers {

    private final ObjectMapper json;
    private final Clock clock;
    private final String apiVersion;

    public OnlineAnswers(ObjectMapper json, Clock clock, String apiVersion) {
        this.json = json;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /** The result as is, or, when the lane gave up on the query, a {@code FAILED} result saying why. */
    public QueryResult result(Exchange exchange) throws Exception {
        String failure = exchange.getMessage().getHeader(Headers.FAILURE, String.class);
        if (failure == null) {
            return exchange.getMessage().getMandatoryBody(QueryResult.class);
        }
        OnlineQuery query = json.readValue(exchange.getMessage().getBody(String.class), OnlineQuery.class);
        OffsetDateTime now = AnswerTime.now(clock);
        return QueryResult.problem(query.requestId(), query.personnummer(), ResultStatus.FAILED,
                Problem.failure(failure), now, apiVersion);
    }
}
