package se.lefileka.intake;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import se.lefileka.message.ExchangeProperties;

/**
 * The text of a JMS request, read from the JMS message itself (the intake routes take it unmapped,
 * {@code mapJmsMessage=false}): a {@code TextMessage}'s text, or a {@code BytesMessage}'s bytes as
 * UTF-8. Any other kind of message ({@code ObjectMessage}, {@code MapMessage},
 * {@code StreamMessage}, a bare {@code Message}) is refused unread: an {@code ObjectMessage} is
 * never deserialized, so no class named by a producer is ever loaded or run. A message over
 * {@code bundle.input.max-bytes} is refused unread too.
 */
public class JmsText {

    private final InputLimits limits;

    public JmsText(InputLimits limits) {
        this.limits = limits;
    }


    public String read(Exchange exchange) throws JMSException, UnreadableInputException {
        Object body = exchange.getMessage().getBody();
        String text;
        if (body instanceof TextMessage message) {
            text = message.getText() == null ? "" : message.getText();
            exchange.setProperty(ExchangeProperties.ORIGINAL_BODY, "");
            limits.checkSize(text.getBytes(StandardCharsets.UTF_8).length, "the message");
        } else if (body instanceof BytesMessage message) {
            exchange.setProperty(ExchangeProperties.ORIGINAL_BODY, "");
            limits.checkSize(message.getBodyLength(), "the message");
            byte[] bytes = new byte[(int) message.getBodyLength()];
            message.readBytes(bytes);
            text = Utf8.decode(bytes, "the message");
        } else {
            // nothing of it goes to the dead-letter queue either: it is never read
            exchange.setProperty(ExchangeProperties.ORIGINAL_BODY, "");
            throw new UnreadableInputException("unsupported message type: "
                    + kind(body)
                    + "; send the request as text (a TextMessage, or a BytesMessage of UTF-8)");
        }
        exchange.setProperty(ExchangeProperties.ORIGINAL_BODY, text);
        return text;
    }

    private static String kind(Object message) {
        return message instanceof ObjectMessage ? "ObjectMessage"
                : message instanceof MapMessage ? "MapMessage"
                : message instanceof StreamMessage ? "StreamMessage" : "a message without a body";
    }
}
