package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JsonInput;
import se.lefileka.message.Headers;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.QueryValidator;
import se.lefileka.support.Persons;
import se.lefileka.support.RouteFileTestSupport;

/**
 * A subscription command file as {@code routes/leka-subscriptions.camel.yaml} handles it, fast: each
 * command on its own, a good one onto the online lane (a mock endpoint) as a LEKA call, a bad one
 * answered at once in the outbox (a real folder).
 */
class SubscriptionsRouteTest extends RouteFileTestSupport {

    @TempDir
    static Path data;

    @Override
    protected Properties settings() {
        return requestSettings(data);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Clock clock = Clock.systemUTC();
        InputLimits limits = new InputLimits(10_000, 20, 1000);
        Pseudonyms pseudonyms = new Pseudonyms("test-key");
        bindReplyBeans(registry, data);
        registry.bind("subscriptionInput", new JsonInput(limits.reader(BUNDLE_JSON), limits, "subscription command"));
        registry.bind("subscriptionCommands", new SubscriptionCommands(BUNDLE_JSON,
                new QueryValidator(clock, "HANDLAGGNING"), pseudonyms, clock, "v2"));
    }

    @BeforeEach
    void loadTheSubscriptionRoutes() throws Exception {
        loadRoutes(List.of("intake", "leka-subscriptions", "replies"),
                List.of("subscription-file", "subscription-accept", "subscription-answer", "reply", "answer-file"));
        AdviceWith.adviceWith(context, "subscription-accept", advice -> advice.mockEndpointsAndSkip("jms:*"));
        context.start();
    }

    @Test
    void eachCommandIsCheckedOnItsOwnAGoodOneGoesToTheOnlineBudgetsBulkLaneABadOneIsAnsweredAtOnce() throws Exception {
        MockEndpoint lane = getMockEndpoint("mock:jms:queue:lefi.lane.online.bulk");
        lane.expectedMessageCount(1);
        lane.expectedHeaderReceived(Headers.CALL, "leka-subscription");

        template.sendBodyAndHeaders("direct:subscription-file", """
                [{"requestId": "s-1", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]},
                 {"requestId": "s-2", "action": "FORGET", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}]"""
                .formatted(Persons.known(1), Persons.known(2)), Map.of(Headers.CHANNEL, "file", Headers.KIND,
                "subscriptions"));

        lane.assertIsSatisfied();
        assertThat(BUNDLE_JSON.readTree(lane.getReceivedExchanges().get(0).getMessage().getBody(String.class))
                .path("requestId").asText()).isEqualTo("s-1");
        JsonNode rejected = BUNDLE_JSON.readTree(Files.readString(data.resolve("outbox/subscriptions/s-2.json")));
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("error").path("field").asText()).isEqualTo("action");
    }
}
