package se.lefileka.intake;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.message.Headers;

/**
 * Remembers where a JMS request is to be answered, in headers that survive the lane: the
 * request's {@code JMSReplyTo} (else the default queue) and its correlation id (else its message id).
 * A reply destination is the producer's to choose, but never one of the bundle's own queues (its
 * request queues, lanes, tally, notifications, dead letters), nor a name that is more than letters,
 * digits, {@code .}, {@code _} and {@code -} (it becomes part of an endpoint URI): a request that
 * names one is answered on the default queue, and the bundle's queues receive nothing.
 */
public class JmsReplies {


    private static final Logger LOG = LoggerFactory.getLogger(JmsReplies.class);
    private static final Pattern PLAIN_NAME = Pattern.compile("(queue|topic):[A-Za-z0-9._-]{1,200}");

    private final Set<String> bundleQueues;
    private final Predicate<String> organisations;

    public JmsReplies(Collection<String> bundleQueues) {
        this(bundleQueues, name -> true);
    }

    /** @param organisations whether a destination's name is the organisation's own (another's never gets its answers) */
    public JmsReplies(Collection<String> bundleQueues, Predicate<String> organisations) {
        this.bundleQueues = Set.copyOf(bundleQueues);
        this.organisations = organisations;
    }

    public void remember(Exchange exchange, String defaultQueue) throws JMSException {
        Message message = exchange.getMessage();
        Destination replyTo = message.getHeader("JMSReplyTo", Destination.class);
        String address = replyTo == null ? null : address(replyTo);
        if (address != null && bundleQueues.contains(address.substring(address.indexOf(':') + 1))) {
            LOG.warn("Message {} names the bundle's own {} as its reply destination; it is answered on {}",
                    message.getHeader("JMSMessageID"), address, defaultQueue);
            address = null;
        } else if (address != null && !organisations.test(address.substring(address.indexOf(':') + 1))) {
            LOG.warn("Message {} names another organisation's {} as its reply destination; it is answered on {}",
                    message.getHeader("JMSMessageID"), address, defaultQueue);
            address = null;
        } else if (address != null && !PLAIN_NAME.matcher(address).matches()) {
            // the name becomes part of an endpoint URI: nothing in it may add options to the endpoint
            LOG.warn("Message {} names a reply destination that is no plain queue or topic name; it is answered on {}",
                    message.getHeader("JMSMessageID"), defaultQueue);
            address = null;
        }
        message.setHeader(Headers.REPLY_TO, address == null ? "queue:" + defaultQueue : address);
        message.setHeader(Headers.DEFAULT_REPLY_TO, "queue:" + defaultQueue);
        String correlationId = message.getHeader("JMSCorrelationID", String.class);
        message.setHeader(Headers.CORRELATION_ID, correlationId != null && !correlationId.isBlank()
                ? correlationId : message.getHeader("JMSMessageID", String.class));
        message.setHeader(Headers.CHANNEL, "jms");
    }

    /** The reply destination's name as the other kind of destination: a queue's as a topic, a topic's as a queue. */
    public String otherKind(@ExchangeProperty(Headers.REPLY_TO) String replyTo) {
        return replyTo.startsWith("queue:") ? "topic:" + replyTo.substring(6) : "queue:" + replyTo.substring(6);
    }

    static String address(Destination destination) throws JMSException {
        if (destination instanceof Topic topic) {
            return "topic:" + topic.getTopicName();
        }
        return "queue:" + ((Queue) destination).getQueueName();
    }
}
