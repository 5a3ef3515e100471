package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.database.Database;
import se.lefileka.intake.FileNames;
import se.lefileka.message.Headers;
import se.lefileka.support.RouteFileTestSupport;

/**
 * A notification's delivery rounds as {@code routes/leka-notifications.camel.yaml} makes them
 * (notification-round, notification-to-endpoint), fast: two endpoints of the test's, the retry and
 * dead-letter queues mock endpoints, the bookkeeping the bundle's own on an in-memory database.
 */
class NotificationRoundRouteTest extends RouteFileTestSupport {

    private static final int MAX_ATTEMPTS = 2;

    @TempDir
    static Path data;
    private NotificationLog log;
    private MockEndpoint first;
    private MockEndpoint second;
    private MockEndpoint retries;
    private MockEndpoint deadLetters;
    private MockEndpoint acknowledgements;

    @Override
    protected Properties settings() {
        Properties properties = new Properties();
        properties.put("leka.notifications.delivery-queue", "leka.notifications.delivery");
        properties.put("leka.notifications.retry-queue", "leka.notifications.retry");
        properties.put("leka.notifications.endpoint-retries", "0");
        properties.put("leka.notifications.endpoint-retry-millis", "0");
        properties.put("leka.api.version", "v2");
        properties.put("jms.dead-letter-queue", "lefi.dead-letter");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Database database = inMemoryDatabase();
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        log = new NotificationLog(database.dataSource(), clock, Duration.ofMinutes(15));
        JdbcMessageIdRepository delivered = new JdbcMessageIdRepository(database.dataSource(), "leka-deliveries");
        delivered.setCreateTableIfNotExists(false);
        delivered.start();
        registry.bind("notificationLog", log);
        registry.bind("notificationDeliveries", new NotificationDeliveries("mock:first,mock:second", delivered, log,
                MAX_ATTEMPTS, Duration.ofMinutes(1), meters));
        registry.bind("auditLog", auditLog(database));
        registry.bind("fileNames", new FileNames(data));
    }

    @BeforeEach
    void loadTheDeliveryRounds() throws Exception {
        loadRoutes(List.of("error-handling", "leka-notifications"), List.of("notification-round",
                "notification-to-endpoint"));
        AdviceWith.adviceWith(context, "notification-round", round -> {
            round.mockEndpointsAndSkip("jms:*");
            round.weaveByToUri("direct:notification-acknowledge").replace().to("mock:acknowledge");
        });
        context.start();
        first = getMockEndpoint("mock:first");
        second = getMockEndpoint("mock:second");
        retries = getMockEndpoint("mock:jms:queue:leka.notifications.retry");
        deadLetters = getMockEndpoint("mock:jms:queue:lefi.dead-letter");
        acknowledgements = getMockEndpoint("mock:acknowledge");
    }

    @Test
    void aNotificationEveryEndpointTakesIsAcknowledged() throws Exception {
        String id = offered();
        first.expectedBodiesReceived(body(id));
        first.expectedHeaderReceived("CamelFileName", id + ".json");
        second.expectedMessageCount(1);
        acknowledgements.expectedBodiesReceived(id);
        retries.expectedMessageCount(0);

        round(id);

        MockEndpoint.assertIsSatisfied(first, second, acknowledgements, retries);
        assertThat(log.state(id)).isEqualTo(NotificationLog.State.DELIVERED);
        assertThat(first.getReceivedExchanges().get(0).getMessage().getHeaders().keySet())
                .as("no header of the bundle's own reaches an endpoint but the notification's")
                .noneMatch(name -> name.startsWith("Lefi") || name.startsWith("Fk"));
    }

    @Test
    void anEndpointThatRefusesGetsAnotherRoundTheOtherIsNotDeliveredTwiceAndAtLastItIsDeadLettered()
            throws Exception {
        String id = offered();
        second.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("webhook down");
        });
        first.expectedMessageCount(1);
        retries.expectedMessageCount(1);
        retries.message(0).header(Headers.NOTIFICATION_ATTEMPTS).isEqualTo(1);
        deadLetters.expectedMessageCount(1);
        deadLetters.message(0).header(Headers.DEAD_LETTER_REASON).contains("not delivered to [mock:second]: webhook down");
        deadLetters.message(0).header(Headers.DEAD_LETTER_REASON).contains("after 2 rounds");
        acknowledgements.expectedBodiesReceived(id);

        round(id);
        round(id);

        MockEndpoint.assertIsSatisfied(first, retries, deadLetters, acknowledgements);
        assertThat(log.state(id)).isEqualTo(NotificationLog.State.DEAD_LETTERED);
    }

    private String offered() throws Exception {
        String id = "n-" + UUID.randomUUID();
        log.offered(new Notification(id, "191212121212", "BOSTADSBIDRAG", "NY", LocalDate.of(2026, 12, 1),
                OffsetDateTime.now(), null));
        return id;
    }

    private void round(String id) {
        template.sendBodyAndHeaders("direct:notification-round", body(id), Map.of(Headers.NOTIFICATION_ID, id,
                Headers.BENEFIT, "BOSTADSBIDRAG", Headers.EVENT, "NEW", Headers.PERSON_REF, "ref-1",
                "FkCall", "leka-fetch"));
    }

    private static String body(String id) {
        return "{\"notificationId\": \"" + id + "\", \"event\": \"NEW\"}";
    }
}
