package se.lefileka.lefi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import se.lefileka.fk.FkError;
import se.lefileka.fk.FkRequest;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/**
 * The LEFI calls as the routes make them: words a call for FK through the configured version's
 * {@link LefiMapper}, and reads FK's answer into the bundle's result model. Transient faults are
 * thrown as {@link se.lefileka.fk.FkUnavailableException} for the lane to retry.
 */
public class LefiApi {

    /** Exchange property holding the query while its call is under way. */
    public static final String QUERY = "LefiQuery";

    private final LefiMapper mapper;
    private final String organisationsnummer;
    private final ObjectMapper json;
    private final Clock clock;

    public LefiApi(LefiMapper mapper, String organisationsnummer, ObjectMapper json, Clock clock) {
        this.mapper = mapper;
        this.organisationsnummer = organisationsnummer;
        this.json = json;
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
        return mapper.version();
    }

    /** Words the online query in the exchange's body for FK and sets the call's HTTP headers. */
    public String onlineRequest(Exchange exchange) throws Exception {
        OnlineQuery query = exchange.getMessage().getMandatoryBody(OnlineQuery.class);
        exchange.setProperty(QUERY, query);
        return prepare(exchange.getMessage(), mapper.onlineQuery(query, UUID.randomUUID().toString()),
                query.requestId());
    }

    /** Reads FK's answer to the online query into a result. */
    public QueryResult onlineAnswer(Exchange exchange) throws JsonProcessingException {
        OnlineQuery query = exchange.getProperty(QUERY, OnlineQuery.class);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = message.getBody(String.class);
        OffsetDateTime now = now();
        if (status == 200) {
            PersonAnswer answer = mapper.personAnswer(json.readTree(body));
            if (answer.status() == ResultStatus.FAILED) {
                return QueryResult.problem(query.requestId(), query.personnummer(), ResultStatus.FAILED,
                        Problem.failure("FK could not answer for this person: " + answer.message()), now, version());
            }
            return QueryResult.answered(query.requestId(), query.personnummer(), answer.status(), answer.benefits(),
                    now, version());
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

    private String prepare(Message message, FkRequest request, String requestId) throws JsonProcessingException {
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_PATH, request.path());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Request-Id", requestId);
        mapper.headers(organisationsnummer).forEach(message::setHeader);
        return request.body() == null ? null : json.writeValueAsString(request.body());
    }

    private OffsetDateTime now() {
        return AnswerTime.now(clock);
    }
}
