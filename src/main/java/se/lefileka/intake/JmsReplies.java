package se.lefileka.intake;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Remembers where a JMS request is to be answered, in headers that survive the lane: the
 * request's {@code JMSReplyTo} (else the default queue) and its correlation id (else its message id).
 */
public class JmsReplies {

    public static final String REPLY_TO = "LefiReplyTo";
    public static final String CORRELATION_ID = "LefiCorrelationId";

    public void remember(Exchange exchange, String defaultQueue) throws JMSException {
        Message message = exchange.getMessage();
        Destination replyTo = message.getHeader("JMSReplyTo", Destination.class);
        message.setHeader(REPLY_TO, replyTo == null ? "queue:" + defaultQueue : address(replyTo));
        String correlationId = message.getHeader("JMSCorrelationID", String.class);
        message.setHeader(CORRELATION_ID, correlationId != null && !correlationId.isBlank()
                ? correlationId : message.getHeader("JMSMessageID", String.class));
        message.setHeader("LefiChannel", "jms");
    }

    static String address(Destination destination) throws JMSException {
        if (destination instanceof Topic topic) {
            return "topic:" + topic.getTopicName();
        }
        return "queue:" + ((Queue) destination).getQueueName();
    }
}
