package se.lefileka.leka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.QueryResult;

/**
 * A LEKA notification as it is delivered (PRODUCT.md, "Notification"): {@code event} is
 * {@code NEW}, {@code CHANGED} or {@code ENDED}; {@code person} is the person's current
 * information for the benefit, in the result model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAppend(attrs = @JsonAppend.Attr(AnswerSource.ATTRIBUTE))
@JsonPropertyOrder({"notificationId", "personnummer", "benefit", "event", "validFrom", "createdAt", "person"})
public record Notification(String notificationId, String personnummer, String benefit, String event,
                           LocalDate validFrom, OffsetDateTime createdAt, QueryResult person) {

    @Override
    public String toString() {
        return "Notification[" + notificationId + ", " + benefit + ", " + event + "]";
    }
}
