package se.lefileka.leka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.fk.FkError;
import se.lefileka.fk.FkRequest;
import se.lefileka.fk.FkWire;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.Problem;

/**
 * The LEKA calls as the online lane makes them (subscription commands, fetching and acknowledging
 * notifications), worded through the configured version's {@link LekaMapper}. A transient fault
 * is thrown as {@link se.lefileka.fk.FkUnavailableException} for the lane to retry.
 */
public class LekaApi {

    private static final Logger LOG = LoggerFactory.getLogger(LekaApi.class);

    private final LekaMapper mapper;
    private final FkWire wire;
    private final Clock clock;
    private final int pageSize;
    private final MeterRegistry meters;

    public LekaApi(LekaMapper mapper, FkWire wire, Clock clock, int pageSize, MeterRegistry meters) {
        this.meters = meters;
        this.mapper = mapper;
        this.wire = wire;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    public static LekaMapper mapperFor(String version) {
        return switch (version) {
            case "v1" -> new LekaV1Mapper();
            case "v2" -> new LekaV2Mapper();
            default -> throw new IllegalArgumentException("leka.api.version must be v1 or v2, not " + version);
        };
    }

    public String version() {
        return mapper.version();
    }

    /** Words the subscription command in the exchange's body for LEKA. */
    public String subscriptionRequest(Exchange exchange) throws Exception {
        SubscriptionCommand command = wire.read(exchange.getMessage().getMandatoryBody(String.class),
                SubscriptionCommand.class);
        exchange.setProperty(ExchangeProperties.SUBSCRIPTION_COMMAND, command);
        FkRequest request = switch (command.action()) {
            case REGISTER -> mapper.register(command.personnummer(), command.benefits());
            case CHECK -> mapper.check(command.personnummer());
            case UNREGISTER -> mapper.unregister(command.personnummer());
        };
        return wire.prepare(exchange.getMessage(), request, command.requestId());
    }

    /** Reads LEKA's answer to the subscription command. */
    public SubscriptionResult subscriptionAnswer(Exchange exchange) throws JsonProcessingException {
        SubscriptionCommand command = exchange.getProperty(ExchangeProperties.SUBSCRIPTION_COMMAND, SubscriptionCommand.class);
        Message message = exchange.getMessage();
        int status = FkWire.status(message);
        String body = message.getBody(String.class);
        OffsetDateTime now = AnswerTime.now(clock);
        switch (status) {
            case 200, 201 -> {
                SubscriptionStatus outcome = command.action() == SubscriptionAction.REGISTER
                        ? SubscriptionStatus.REGISTERED : SubscriptionStatus.ACTIVE;
                return SubscriptionResult.of(command, outcome, mapper.subscription(wire.read(body)), now, version());
            }
            case 204 -> {
                return SubscriptionResult.of(command, SubscriptionStatus.UNREGISTERED, null, now, version());
            }
            default -> {
                // FK's answer is read below
            }
        }
        FkError error = FkError.read(status, body);
        if (status == 409 && command.action() == SubscriptionAction.REGISTER) {
            Subscription existing = mapper.subscription(mapper.conflictingSubscription(wire.read(body)));
            return SubscriptionResult.of(command, SubscriptionStatus.ALREADY_REGISTERED, existing, now, version());
        }
        if (status == 404 && "PRENUMERATION_SAKNAS".equals(error.code())) {
            return SubscriptionResult.of(command, SubscriptionStatus.NOT_SUBSCRIBED, null, now, version());
        }
        if (error.isTransient()) {
            throw error.unavailable(message.getHeader("Retry-After", String.class));
        }
        SubscriptionStatus outcome = status == 400 ? SubscriptionStatus.REJECTED : SubscriptionStatus.FAILED;
        return SubscriptionResult.problem(command.requestId(), command.action(), command.personnummer(), outcome,
                Problem.failure("LEKA refused the command: " + error + " " + error.message()), now, version());
    }

    /** Words the fetch of the next page of notifications. */
    public String fetchRequest(Exchange exchange) throws JsonProcessingException {
        return wire.prepare(exchange.getMessage(), mapper.fetch(pageSize), UUID.randomUUID().toString());
    }

    /** Reads the fetched notifications; a refusal FK will not change its mind about is logged and gives none. */
    public NotificationPage fetchAnswer(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        int status = FkWire.status(message);
        String body = message.getBody(String.class);
        if (status == 200) {
            return mapper.page(wire.read(body), pageSize, AnswerTime.now(clock));
        }
        FkError error = FkError.read(status, body);
        if (error.isTransient()) {
            throw error.unavailable(message.getHeader("Retry-After", String.class));
        }
        LOG.warn("LEKA refused to hand out notifications: {} {}", error, error.message());
        return NotificationPage.empty();
    }

    /** Words the acknowledgement of the notification ids (a JSON array) in the exchange's body. */
    public String acknowledgeRequest(Exchange exchange) throws JsonProcessingException {
        List<String> ids = ids(wire.read(exchange.getMessage().getBody(String.class)));
        exchange.setProperty(ExchangeProperties.ACKNOWLEDGED_IDS, ids);
        return wire.prepare(exchange.getMessage(), mapper.acknowledge(ids), UUID.randomUUID().toString());
    }

    /** The ids LEKA took the acknowledgement of; none (they are offered again) if it refused. */
    public List<String> acknowledgeAnswer(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = FkWire.status(message);
        @SuppressWarnings("unchecked")
        List<String> ids = exchange.getProperty(ExchangeProperties.ACKNOWLEDGED_IDS, List.class);
        if (status == 200 || status == 204) {
            meters.counter("leka.notifications.acknowledged").increment(ids.size());
            return ids;
        }
        FkError error = FkError.read(status, message.getBody(String.class));
        if (error.isTransient()) {
            throw error.unavailable(message.getHeader("Retry-After", String.class));
        }
        LOG.warn("LEKA refused the acknowledgement of {} notifications: {} {}; they will be acknowledged when offered "
                + "again", ids.size(), error, error.message());
        return List.of();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
