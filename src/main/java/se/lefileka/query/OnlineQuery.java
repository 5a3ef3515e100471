package se.lefileka.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A validated query about one person: the personnummer in its 12-digit wire form, distinct
 * known benefit codes and a checked period. Built only by {@link QueryValidator}.
 */
public record OnlineQuery(String requestId, String personnummer, List<String> benefits,
                          LocalDate from, LocalDate to, String purpose) {

    @Override
    public String toString() {
        return "OnlineQuery[requestId=" + requestId + ", benefits=" + benefits.size() + "]";
    }
}
