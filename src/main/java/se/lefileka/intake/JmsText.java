package se.lefileka.intake;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * The text of a JMS request, read from the JMS message itself (the intake routes take it unmapped,
 * {@code mapJmsMessage=false}): a {@code TextMessage}'s text, or a {@code BytesMessage}'s bytes as
 * UTF-8. Any other kind of message ({@code ObjectMessage}, {@code MapMessage},
 * {@code StreamMessage}, a bare {@code Message}) is refused unread: an {@code ObjectMessage} is
 * never deserialized, so no class named by a producer is ever loaded or run.
 */
public class JmsText {

    /** Exchange property: the request's text, for the dead-letter queue should it be unreadable. */
    public static final String ORIGINAL_BODY = "LefiOriginalBody";

    public String read(Exchange exchange) throws JMSException, UnreadableInputException {
        Object body = exchange.getMessage().getBody();
        String text;
        if (body instanceof TextMessage message) {
            text = message.getText() == null ? "" : message.getText();
        } else if (body instanceof BytesMessage message) {
            byte[] bytes = new byte[(int) message.getBodyLength()];
            message.readBytes(bytes);
            text = utf8(bytes);
        } else {
            // nothing of it goes to the dead-letter queue either: it is never read
            exchange.setProperty(ORIGINAL_BODY, "");
            throw new UnreadableInputException("unsupported message type: "
                    + kind(body)
                    + "; send the request as text (a TextMessage, or a BytesMessage of UTF-8)");
        }
        exchange.setProperty(ORIGINAL_BODY, text);
        return text;
    }

    private static String utf8(byte[] bytes) throws UnreadableInputException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException("the message's bytes are not UTF-8 text");
        }
    }

    private static String kind(Object message) {
        return message instanceof ObjectMessage ? "ObjectMessage"
                : message instanceof MapMessage ? "MapMessage"
                : message instanceof StreamMessage ? "StreamMessage" : "a message without a body";
    }
}
