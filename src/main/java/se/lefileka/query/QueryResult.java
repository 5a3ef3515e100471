package se.lefileka.query;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer about one person, in the one model every channel and API version shares
 * (PRODUCT.md, "Result"). A {@code PROTECTED} answer carries nothing about the person. An answer
 * the built-in sandbox made up carries {@code "source": "SANDBOX"} ({@link AnswerSource}); one the
 * bundle gave without the sandbox's answer does not ({@link AnswerSourceWriter}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAppend(props = @JsonAppend.Prop(value = AnswerSourceWriter.class, name = AnswerSource.ATTRIBUTE,
        type = String.class))
@JsonPropertyOrder({"line", "requestId", "personnummer", "status", "benefits", "error", "answeredAt", "apiVersion"})
public record QueryResult(Integer line, String requestId, String personnummer, ResultStatus status,
                          List<BenefitInfo> benefits, Problem error, OffsetDateTime answeredAt, String apiVersion)
        implements FkAnswer {

    public static QueryResult answered(String requestId, String personnummer, ResultStatus status,
                                       List<BenefitInfo> benefits, OffsetDateTime answeredAt, String apiVersion) {
        if (status == ResultStatus.PROTECTED) {
            return new QueryResult(null, requestId, null, status, null, null, answeredAt, apiVersion);
        }
        return new QueryResult(null, requestId, personnummer, status, benefits, null, answeredAt, apiVersion);
    }

    public static QueryResult problem(String requestId, String personnummer, ResultStatus status, Problem error,
                                      OffsetDateTime at, String apiVersion) {
        return new QueryResult(null, requestId, personnummer, status, null, error, at, apiVersion);
    }

    public QueryResult withLine(int lineNumber) {
        return new QueryResult(lineNumber, requestId, personnummer, status, benefits, error, answeredAt, apiVersion);
    }

    @Override
    public boolean answeredByFk() {
        return status == ResultStatus.OK || status == ResultStatus.NOT_FOUND || status == ResultStatus.PROTECTED;
    }

    @Override
    public String toString() {
        return "QueryResult[requestId=" + requestId + ", status=" + status + "]";
    }
}
