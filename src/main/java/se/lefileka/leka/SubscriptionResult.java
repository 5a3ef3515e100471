package se.lefileka.leka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import java.time.OffsetDateTime;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.AnswerSourceWriter;
import se.lefileka.query.FkAnswer;
import se.lefileka.query.Problem;

/** The answer to a subscription command, with the subscription when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAppend(props = @JsonAppend.Prop(value = AnswerSourceWriter.class, name = AnswerSource.ATTRIBUTE,
        type = String.class))
@JsonPropertyOrder({"requestId", "action", "personnummer", "status", "subscription", "error", "answeredAt",
        "apiVersion"})
public record SubscriptionResult(String requestId, SubscriptionAction action, String personnummer,
                                 SubscriptionStatus status, Subscription subscription, Problem error,
                                 OffsetDateTime answeredAt, String apiVersion) implements FkAnswer {

    public static SubscriptionResult of(SubscriptionCommand command, SubscriptionStatus status,
                                        Subscription subscription, OffsetDateTime at, String apiVersion) {
        return new SubscriptionResult(command.requestId(), command.action(), command.personnummer(), status,
                subscription, null, at, apiVersion);
    }

    public static SubscriptionResult problem(String requestId, SubscriptionAction action, String personnummer,
                                             SubscriptionStatus status, Problem error, OffsetDateTime at,
                                             String apiVersion) {
        return new SubscriptionResult(requestId, action, personnummer, status, null, error, at, apiVersion);
    }

    @Override
    public boolean answeredByFk() {
        return status != SubscriptionStatus.REJECTED && status != SubscriptionStatus.FAILED;
    }

    @Override
    public String toString() {
        return "SubscriptionResult[requestId=" + requestId + ", action=" + action + ", status=" + status + "]";
    }
}
