package se.lefileka.leka;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/** A subscription as LEKA holds it; {@code registeredAt} only where the API version tells it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(String subscriptionId, String personnummer, List<String> benefits,
                           OffsetDateTime registeredAt) {
}
