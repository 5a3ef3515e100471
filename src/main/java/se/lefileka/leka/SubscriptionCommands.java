package se.lefileka.leka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import se.lefileka.lane.LaneRetry;
import se.lefileka.message.Headers;
import se.lefileka.query.OnlineIntake;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.InvalidQueryException;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.QueryValidator;

/**
 * Subscription commands from files and messages: checked by the rules queries are checked by
 * (so that no bad command reaches LEKA), and answered.
 */
public class SubscriptionCommands {

    private final ObjectMapper json;
    private final QueryValidator validator;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final String apiVersion;

    public SubscriptionCommands(ObjectMapper json, QueryValidator validator, Pseudonyms pseudonyms, Clock clock,
                                String apiVersion) {
        this.json = json;
        this.validator = validator;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /**
     * Checks one command. Returns the {@link SubscriptionCommand} to send, or a {@code REJECTED}
     * {@link SubscriptionResult} saying which field is wrong and why.
     */
    public Object accept(JsonNode command, Exchange exchange) {
        String requestId = validator.requestIdOf(command);
        exchange.getMessage().setHeader(Headers.REQUEST_ID, requestId);
        SubscriptionAction action = null;
        try {
            QueryValidator.checkRequestId(command);
            action = action(command);
            String personnummer = validator.personnummer(command);
            List<String> benefits = action == SubscriptionAction.REGISTER ? QueryValidator.benefits(command) : List.of();
            exchange.getMessage().setHeader(Headers.PERSON_REF, pseudonyms.of(personnummer));
            return new SubscriptionCommand(requestId, action, personnummer, benefits);
        } catch (InvalidQueryException e) {
            return SubscriptionResult.problem(requestId, action, null, SubscriptionStatus.REJECTED, Problem.of(e),
                    AnswerTime.now(clock), apiVersion);
        }
    }

    private static SubscriptionAction action(JsonNode command) {
        JsonNode value = command.get("action");
        if (value == null || value.isNull()) {
            throw new InvalidQueryException("action", "is missing");
        }
        try {
            return SubscriptionAction.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("action", "must be REGISTER, CHECK or UNREGISTER");
        }
    }

    /**
     * The answer as the user receives it: LEKA's, a {@code FAILED} one when the lane gave up on
     * the command, or a {@code REJECTED} one for a message that could not be read.
     */
    public SubscriptionResult result(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof SubscriptionResult result) {
            return result;
        }
        if (body instanceof QueryResult unreadable) {
            return SubscriptionResult.problem(null, null, null, SubscriptionStatus.REJECTED, unreadable.error(),
                    unreadable.answeredAt(), apiVersion);
        }
        String failure = exchange.getMessage().getHeader(Headers.FAILURE, String.class);
        SubscriptionCommand command = json.readValue(exchange.getMessage().getBody(String.class),
                SubscriptionCommand.class);
        return SubscriptionResult.problem(command.requestId(), command.action(), command.personnummer(),
                SubscriptionStatus.FAILED, Problem.failure(failure), AnswerTime.now(clock), apiVersion);
    }
}
