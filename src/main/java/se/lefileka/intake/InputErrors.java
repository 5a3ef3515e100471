package se.lefileka.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import se.lefileka.message.Headers;
import se.lefileka.personnummer.PersonnummerMask;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.ResultStatus;

/** What the bundle says about input it could not read: the error file and the JMS error answer. */
public class InputErrors {

    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    public InputErrors(ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** The {@code <file>.error.json} written beside an unreadable file in the error folder. */
    public String fileReport(Exchange exchange) throws Exception {
        meters.counter("bundle.files.set.aside", "inbox",
                String.valueOf(exchange.getMessage().getHeader(Headers.KIND, String.class))).increment();
        ObjectNode report = json.createObjectNode()
                // masked as in the log: a user may name a file after the person it is about
                .put("file", PersonnummerMask.mask(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY,
                        String.class)))
                .put("error", reason(exchange))
                .put("at", now().toString());
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    /** The answer to an unreadable JMS message: {@code REJECTED}, saying why. */
    public QueryResult rejection(Exchange exchange) {
        return QueryResult.problem(null, null, ResultStatus.REJECTED, Problem.failure(reason(exchange)), now(), null);
    }

    /** The answer to an unreadable JMS mass request: the batch, {@code REJECTED}, and why. */
    public ObjectNode batchRejection(Exchange exchange) {
        return json.createObjectNode()
                .put("batch", exchange.getMessage().getHeader("batchId", String.class))
                .put("status", "REJECTED")
                .put("error", reason(exchange))
                .put("at", now().toString());
    }

    /**
     * Why: the reason an {@link UnreadableInputException} gives; of any other failure only its kind
     * (its message may quote the input).
     */
    public String reason(Exchange exchange) {
        return reasonOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    public static String reasonOf(Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnreadableInputException) {
                return t.getMessage();
            }
        }
        return cause == null ? "unknown" : "the request could not be handled (" + cause.getClass().getSimpleName()
                + "); see the bundle's log";
    }

    private OffsetDateTime now() {
        return AnswerTime.now(clock);
    }
}
