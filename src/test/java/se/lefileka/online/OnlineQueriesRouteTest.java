package se.lefileka.online;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.query.OnlineAnswers;
import se.lefileka.query.OnlineIntake;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JsonInput;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.QueryResult;
import se.lefileka.query.QueryValidator;
import se.lefileka.query.ResultStatus;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RouteFileTestSupport;

/**
 * An online query file as {@code routes/online-queries.camel.yaml} and {@code replies.camel.yaml}
 * handle it, fast: each query of the file on its own, a good one onto the online lane (a mock
 * endpoint), a bad one answered at once in the outbox (a real folder); an answer to a JMS request to
 * the reply destination it named (a mock endpoint in place of the JMS producer).
 */
class OnlineQueriesRouteTest extends RouteFileTestSupport {

    @TempDir
    static Path data;
    private MockEndpoint lane;
    private MockEndpoint bulkLane;

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
        registry.bind("queryInput", new JsonInput(limits.reader(BUNDLE_JSON), limits, "query"));
        registry.bind("onlineIntake", new OnlineIntake(new QueryValidator(clock, "HANDLAGGNING"), pseudonyms, clock,
                "v2"));
        registry.bind("onlineAnswers", new OnlineAnswers(BUNDLE_JSON, clock, "v2"));
    }

    @BeforeEach
    void loadTheOnlineRoutes() throws Exception {
        loadRoutes(List.of("intake", "online-queries", "replies"),
                List.of("online-file", "online-accept", "online-answer", "reply", "answer-file", "jms-reply"));
        AdviceWith.adviceWith(context, "online-accept", advice -> advice.mockEndpointsAndSkip("jms:*"));
        // the reply destination, as the JMS producer would be given it
        AdviceWith.adviceWith(context, "jms-reply",
                advice -> advice.weaveByType(ToDynamicDefinition.class).replace().to("mock:reply"));
        context.start();
        lane = getMockEndpoint("mock:jms:queue:lefi.lane.online");
        bulkLane = getMockEndpoint("mock:jms:queue:lefi.lane.online.bulk");
    }

    @Test
    void aFileOfOneQueryIsACaseworkersAndGoesToTheInteractiveLane() throws Exception {
        lane.expectedMessageCount(1);
        bulkLane.expectedMessageCount(0);

        template.sendBodyAndHeaders("direct:online-file", """
                {"requestId": "desk", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(Persons.known(3)),
                Map.of(Headers.CHANNEL, "file", Headers.KIND, "online", Headers.WORK_CLASS, "interactive"));

        MockEndpoint.assertIsSatisfied(lane, bulkLane);
    }

    @Test
    void eachQueryOfAFileIsCheckedOnItsOwnTheGoodOnesGoToTheBulkLaneTheBadOnesAreAnsweredAtOnce() throws Exception {
        bulkLane.expectedMessageCount(2);
        bulkLane.allMessages().header(Headers.CALL).isEqualTo("lefi-online");
        lane.expectedMessageCount(0);

        template.sendBodyAndHeaders("direct:online-file", """
                [{"requestId": "good-1", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                  "from": "2026-01-01", "to": "2026-06-30"},
                 {"requestId": "bad-1", "personnummer": "19121212-1213", "benefits": ["SJUKPENNING"],
                  "from": "2026-01-01", "to": "2026-06-30"},
                 {"requestId": "good-2", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"],
                  "from": "2026-01-01", "to": "2026-06-30"}]""".formatted(Persons.known(1), Persons.known(2)),
                Map.of(Headers.CHANNEL, "file", Headers.KIND, "online"));

        MockEndpoint.assertIsSatisfied(bulkLane, lane);
        assertThat(bulkLane.getReceivedExchanges()).extracting(e -> BUNDLE_JSON.readTree(e.getMessage()
                .getBody(String.class)).path("requestId").asText()).containsExactly("good-1", "good-2");
        assertThat(bulkLane.getReceivedExchanges().get(0).getMessage().getHeaders().keySet())
                .as("only the bundle's own headers go on the lane")
                .allMatch(name -> name.startsWith("Lefi") || name.equals(Headers.CALL) || name.equals(Headers.WORK_CLASS));
        JsonNode rejected = BUNDLE_JSON.readTree(Files.readString(data.resolve("outbox/online/bad-1.json")));
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("error").toString()).contains("personnummer");
    }

    @Test
    void anAnswerIsWrittenOnceForALaneMessageHandledAgainButASecondQueryWithTheSameIdGetsAFileOfItsOwn() {
        answer("again-1", "ID:lane-1");
        answer("again-1", "ID:lane-1");
        assertThat(Folders.names(data.resolve("outbox/online"))).as("the lane message handled again")
                .filteredOn(name -> name.startsWith("again-1")).containsExactly("again-1.json");

        answer("again-1", "ID:lane-2");
        assertThat(Folders.names(data.resolve("outbox/online"))).as("another query with the same request id")
                .filteredOn(name -> name.startsWith("again-1")).containsExactlyInAnyOrder("again-1.json", "again-1-2.json");
    }

    private void answer(String requestId, String laneMessageId) {
        Exchange answered = template.send("direct:online-answer", exchange -> {
            exchange.setProperty(ExchangeProperties.LANE_MESSAGE_ID, laneMessageId);
            exchange.getMessage().setHeader(Headers.CHANNEL, "file");
            exchange.getMessage().setHeader(Headers.KIND, "online");
            exchange.getMessage().setHeader(Headers.REQUEST_ID, requestId);
            exchange.getMessage().setBody(QueryResult.answered(requestId, Persons.known(3), ResultStatus.OK, List.of(),
                    OffsetDateTime.now(), "v2"));
        });
        assertThat(answered.getException()).isNull();
    }

    @Test
    void aRejectedJmsQueryIsAnsweredToItsReplyDestinationWithItsCorrelationId() throws Exception {
        MockEndpoint replies = getMockEndpoint("mock:reply");
        replies.expectedMessageCount(1);
        replies.expectedPropertyReceived(Headers.REPLY_TO, "queue:legacy.replies");
        replies.expectedHeaderReceived("JMSCorrelationID", "corr-7");
        lane.expectedMessageCount(0);

        template.sendBodyAndHeaders("direct:online-accept", BUNDLE_JSON.readTree("""
                {"requestId": "bad-2", "personnummer": "not a number", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}"""),
                Map.of(Headers.CHANNEL, "jms", Headers.REPLY_TO, "queue:legacy.replies",
                        Headers.CORRELATION_ID, "corr-7"));

        MockEndpoint.assertIsSatisfied(replies, lane);
        JsonNode answer = BUNDLE_JSON.readTree(replies.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(answer.path("requestId").asText()).isEqualTo("bad-2");
        assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
        assertThat(replies.getReceivedExchanges().get(0).getMessage().getHeaders().keySet())
                .as("none of the bundle's headers leave it").noneMatch(name -> name.startsWith("Lefi") || name.startsWith("Fk"));
        assertThat(data.resolve("outbox/online/bad-2.json")).as("answered to JMS only").doesNotExist();
    }
}
