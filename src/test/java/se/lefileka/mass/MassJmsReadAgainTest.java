package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.database.Database;
import se.lefileka.intake.InputLimits;
import se.lefileka.message.Headers;
import se.lefileka.query.QueryValidator;
import se.lefileka.support.Persons;

/**
 * A mass batch read again keeps no chunk twice: a JMS batch whose reading was cut off (the bundle
 * died, the broker failed over) comes back with its message, a file batch is read again after a
 * restart. Its chunks kept before wait for their turn under their own fragaIds (kept again as they
 * were); one the feed took for the lane is not kept again.
 */
class MassJmsReadAgainTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneId.of("Europe/Stockholm"));

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"jms", "file"})
    void aBatchReadAgainKeepsItsWaitingChunksUnderTheirOwnFragaIdsAndNoneTheFeedTook(String channel) throws Exception {
        MassIntake intake = intake();
        List<MassChunk> first = read(intake, channel, "jms".equals(channel));
        assertThat(first).hasSize(3);
        assertThat(batches.takeKept(first.get(0).batchId(), 1)).as("the feed takes the first for the lane").hasSize(1);

        List<MassChunk> again = read(intake, channel, false);

        assertThat(again).extracting(MassChunk::fragaId).containsExactlyElementsOf(
                first.subList(1, 3).stream().map(MassChunk::fragaId).toList());
        assertThat(batches.takeKept(first.get(0).batchId(), 5)).as("kept once each").hasSize(2);
    }

    private MassBatches batches;

    private MassIntake intake() throws Exception {
        Database database = new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.migrate();
        batches = new MassBatches(database.dataSource(), CLOCK);
        InputLimits limits = new InputLimits(1 << 20, 20, 1000);
        return new MassIntake(limits.reader(JSON), limits, new QueryValidator(CLOCK, "HANDLAGGNING"), batches,
                new BatchFiles(data, JSON), data.resolve("outbox/mass"), CLOCK, "v2", 2, 1 << 20);
    }

    /** Reads the batch as the mass-read route does (chunks of two rows), each chunk kept; returns the chunks kept. */
    private List<MassChunk> read(MassIntake intake, String channel, boolean recordTheReadingAsDone) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Headers.CHANNEL, channel);
        StringBuilder csv = new StringBuilder("personnummer;benefits;from;to\n");
        for (int i = 0; i < 6; i++) {
            csv.append(Persons.known(i)).append(";SJUKPENNING;2026-01-01;2026-06-30\n");
        }
        if ("jms".equals(channel)) {
            exchange.getMessage().setHeader("JMSMessageID", "ID:the-same-message");
            exchange.getMessage().setHeader(Headers.SOURCE_QUEUE, "lefi.mass.requests");
            exchange.getMessage().setBody(csv.toString());
        } else {
            Path file = data.resolve("batch.csv");
            Files.writeString(file, csv);
            exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, "batch.csv");
            exchange.getMessage().setHeader(Exchange.FILE_LENGTH, Files.size(file));
            exchange.getMessage().setHeader(Exchange.FILE_LAST_MODIFIED, 1L);
            exchange.getMessage().setBody(file.toFile());
        }
        exchange.getMessage().setBody(intake.begin(exchange));
        List<MassChunk> sent = new ArrayList<>();
        if (!exchange.getProperty("LefiMassReading", MassReading.class).isAlreadyRead()) {
            try (RowGroups groups = intake.groups(exchange)) {
                while (groups.hasNext()) {
                    for (MassChunk chunk : intake.rows(groups.next(), exchange)) {
                        batches.keep(chunk, JSON.writeValueAsString(chunk));
                        sent.add(chunk);
                    }
                }
            }
        }
        if (recordTheReadingAsDone) {
            intake.read(exchange);
        }
        return sent;
    }
}
