package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Queue;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import se.lefileka.message.Headers;

class JmsRepliesTest {

    private final JmsReplies replies = new JmsReplies(List.of("lefi.lane.online"));

    @Test
    void aReplyDestinationWhoseNameWouldAddOptionsToTheEndpointIsAnsweredOnTheDefaultQueue() throws Exception {
        assertThat(replyTo("x?concurrentConsumers=9&disableReplyTo=true")).isEqualTo("queue:lefi.online.responses");
        assertThat(replyTo("${date:now}")).isEqualTo("queue:lefi.online.responses");
        assertThat(replyTo("lefi.lane.online")).isEqualTo("queue:lefi.online.responses");
        assertThat(replyTo("kommun.svar-1")).isEqualTo("queue:kommun.svar-1");
    }

    private String replyTo(String queueName) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("JMSReplyTo", (Queue) () -> queueName);
        exchange.getMessage().setHeader("JMSMessageID", "ID:1");
        replies.remember(exchange, "lefi.online.responses");
        return exchange.getMessage().getHeader(Headers.REPLY_TO, String.class);
    }
}
