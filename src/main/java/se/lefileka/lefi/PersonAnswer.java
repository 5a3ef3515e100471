package se.lefileka.lefi;

import java.time.OffsetDateTime;
import java.util.List;
import se.lefileka.query.BenefitInfo;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/** FK's answer about one person ({@code personsvar}) in the bundle's words. */
public record PersonAnswer(String personnummer, ResultStatus status, List<BenefitInfo> benefits, String message) {

    /** The result this answer gives the query; {@code FAILED} when FK could not answer for the person. */
    public QueryResult result(OnlineQuery query, OffsetDateTime at, String apiVersion) {
        if (status == ResultStatus.FAILED) {
            return QueryResult.problem(query.requestId(), query.personnummer(), ResultStatus.FAILED,
                    Problem.failure("FK could not answer for this person: " + message), at, apiVersion);
        }
        return QueryResult.answered(query.requestId(), query.personnummer(), status, benefits, at, apiVersion);
    }

    /** The person's information on its own (a LEKA notification's {@code person}), answered by no query. */
    public QueryResult asResult(OffsetDateTime at, String apiVersion) {
        if (status == ResultStatus.FAILED) {
            return QueryResult.problem(null, personnummer, ResultStatus.FAILED,
                    Problem.failure("FK could not answer for this person: " + message), at, apiVersion);
        }
        return QueryResult.answered(null, personnummer, status, benefits, at, apiVersion);
    }
}
