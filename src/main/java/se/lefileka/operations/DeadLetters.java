package se.lefileka.operations;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import se.lefileka.message.Headers;

/**
 * The messages on the dead-letter queue, looked at without taking them: each one's id, the route
 * that put it there and why (the bundle's own headers; never the message's body).
 */
public class DeadLetters {

    private final ConnectionFactory broker;
    private final String queue;
    private final int most;

    public DeadLetters(ConnectionFactory broker, String queue, int most) {
        this.broker = broker;
        this.queue = queue;
        this.most = most;
    }

    /** The first messages on the queue, oldest first (at most the number given). */
    public List<Map<String, String>> first() {
        List<Map<String, String>> found = new ArrayList<>();
        try (JMSContext jms = broker.createContext(); QueueBrowser browser = jms.createBrowser(jms.createQueue(queue))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && found.size() < most) {
                Message message = (Message) messages.nextElement();
                found.add(Map.of("id", String.valueOf(message.getJMSMessageID()),
                        "source", String.valueOf(message.getStringProperty(Headers.DEAD_LETTER_SOURCE)),
                        "reason", String.valueOf(message.getStringProperty(Headers.DEAD_LETTER_REASON))));
            }
        } catch (JMSException | JMSRuntimeException unreachable) {
            found.add(Map.of("id", "", "source", "", "reason", "the broker cannot be asked: " + unreachable.getMessage()));
        }
        return found;
    }
}
