package se.lefileka.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import se.lefileka.broker.BundleQueues;
import se.lefileka.organisations.Organisations;
import se.lefileka.intake.FileNames;
import se.lefileka.intake.InboxFiles;
import se.lefileka.intake.InputErrors;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JmsReplies;
import se.lefileka.intake.JmsText;
import se.lefileka.intake.JsonInput;
import se.lefileka.intake.WrittenAnswers;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.QueryValidator;

/**
 * The beans that read what comes in (files, JMS messages, JSON), check queries, and name the files
 * that go out. Each is made when a route first needs it.
 */
public class IntakeConfiguration implements CamelConfiguration {

    /** The bundle's own JSON: exact decimals, dates as text, every result marked when the sandbox answered. */
    @BindToRegistry(lazy = true)
    public ObjectMapper bundleJson(AnswerSource source) {
        return source.mark(new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)));
    }

    @BindToRegistry(lazy = true)
    public InputLimits inputLimits(@PropertyInject("bundle.input.max-bytes") long maxBytes,
                                   @PropertyInject("bundle.input.max-nesting-depth") int maxNestingDepth,
                                   @PropertyInject("bundle.input.max-string-length") int maxStringLength) {
        return new InputLimits(maxBytes, maxNestingDepth, maxStringLength);
    }

    /** The mapper for JSON from outside: within the {@link InputLimits}. */
    @BindToRegistry(lazy = true)
    public ObjectMapper inputJson(@BeanInject("bundleJson") ObjectMapper json, InputLimits limits) {
        return limits.reader(json);
    }

    @BindToRegistry(lazy = true)
    public JsonInput queryInput(@BeanInject("inputJson") ObjectMapper inputJson, InputLimits limits) {
        return new JsonInput(inputJson, limits, "query");
    }

    @BindToRegistry(lazy = true)
    public JmsText jmsText(InputLimits limits) {
        return new JmsText(limits);
    }

    @BindToRegistry(lazy = true)
    public JmsReplies jmsReplies(CamelContext context, @BeanInject("organisations") Organisations organisations,
                                 @PropertyInject(Organisations.ORGANISATION_KEY) String organisation) {
        return new JmsReplies(BundleQueues.from(key -> BundleConfiguration.property(context, key)).notForReplies(),
                organisations.ownsQueue(organisation));
    }

    @BindToRegistry(lazy = true)
    public QueryValidator queryValidator(Clock clock, @PropertyInject("lefi.default-purpose") String defaultPurpose) {
        return new QueryValidator(clock, defaultPurpose);
    }

    @BindToRegistry(lazy = true)
    public Pseudonyms pseudonyms(@PropertyInject("bundle.audit.pseudonym-key") String key) {
        return new Pseudonyms(key);
    }

    @BindToRegistry(lazy = true)
    public InputErrors inputErrors(@BeanInject("bundleJson") ObjectMapper json, Clock clock,
                                   @BeanInject(BundleConfiguration.BUNDLE_METERS) MeterRegistry meters) {
        return new InputErrors(json, clock, meters);
    }

    @BindToRegistry(lazy = true)
    public FileNames fileNames(@PropertyInject("bundle.data.dir") String dataDir) {
        return new FileNames(Path.of(dataDir));
    }

    /** The lane messages whose answer file is written, so none is written twice. */
    @BindToRegistry(lazy = true)
    public WrittenAnswers writtenAnswers(CamelContext context, DataSource dataSource, Clock clock) throws Exception {
        WrittenAnswers written = new WrittenAnswers(dataSource, clock);
        context.addService(written, true, true);
        return written;
    }

    @BindToRegistry(lazy = true)
    public InboxFiles inboxFiles(@PropertyInject("bundle.inbox.stable-millis") long stableMillis) {
        return new InboxFiles(Duration.ofMillis(stableMillis));
    }
}
