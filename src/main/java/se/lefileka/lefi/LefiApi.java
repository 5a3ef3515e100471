package se.lefileka.lefi;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import se.lefileka.fk.FkError;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/**
 * The LEFI online call as the routes make it: words it for FK through the configured version's
 * {@link LefiMapper}, and reads FK's answer into the bundle's result model. Transient faults are
 * thrown as {@link se.lefileka.fk.FkUnavailableException} for the lane to retry.
 */
public class LefiApi {


    private final LefiWire wire;
    private final Clock clock;

    public LefiApi(LefiWire wire, Clock clock) {
        this.wire = wire;
        this.clock = clock;
    }

    public static LefiMapper mapperFor(String version) {
        return switch (version) {
            case "v1" -> new LefiV1Mapper();
            case "v2" -> new LefiV2Mapper();
            default -> throw new IllegalArgumentException("lefi.api.version must be v1 or v2, not " + version);
        };
    }

    public String version() {
        return wire.version();
    }

    /** Words the online query in the exchange's body for FK and sets the call's HTTP headers. */
    public String onlineRequest(Exchange exchange) throws Exception {
        OnlineQuery query = wire.read(exchange.getMessage().getMandatoryBody(String.class), OnlineQuery.class);
        exchange.setProperty(ExchangeProperties.ONLINE_QUERY, query);
        return wire.prepare(exchange.getMessage(), wire.mapper().onlineQuery(query, UUID.randomUUID().toString()),
                query.requestId());
    }

    /** Reads FK's answer to the online query into a result. */
    public QueryResult onlineAnswer(Exchange exchange) throws JsonProcessingException {
        OnlineQuery query = exchange.getProperty(ExchangeProperties.ONLINE_QUERY, OnlineQuery.class);
        Message message = exchange.getMessage();
        int status = LefiWire.status(message);
        String body = message.getBody(String.class);
        OffsetDateTime now = AnswerTime.now(clock);
        if (status == 200) {
            return wire.mapper().personAnswer(wire.read(body)).result(query, now, version());
        }
        FkError error = FkError.read(status, body);
        if (status == 404 && "PERSON_SAKNAS".equals(error.code())) {
            return QueryResult.answered(query.requestId(), query.personnummer(), ResultStatus.NOT_FOUND, List.of(),
                    now, version());
        }
        if (error.isTransient()) {
            throw error.unavailable(message.getHeader("Retry-After", String.class));
        }
        ResultStatus outcome = status == 400 ? ResultStatus.REJECTED : ResultStatus.FAILED;
        return QueryResult.problem(query.requestId(), query.personnummer(), outcome,
                Problem.failure("FK refused the query: " + error + " " + error.message()), now, version());
    }
}
