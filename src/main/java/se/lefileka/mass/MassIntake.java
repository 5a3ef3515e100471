package se.lefileka.mass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JmsReplies;
import se.lefileka.intake.UnreadableInputException;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;
import se.lefileka.query.AnswerTime;
import se.lefileka.query.InvalidQueryException;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.Problem;
import se.lefileka.query.QueryResult;
import se.lefileka.query.QueryValidator;
import se.lefileka.query.ResultStatus;

/**
 * Reads a mass batch (a file or a JMS message) as a stream of rows: opens or resumes the batch,
 * checks every row as an online query, writes a {@code REJECTED} result for each bad row, and
 * groups the good rows, in order and by purpose, into chunks for the mass lane.
 */
public class MassIntake {


    private static final Logger LOG = LoggerFactory.getLogger(MassIntake.class);
    /** How often (in groups of rows) the reading's progress is recorded. */
    private static final int PROGRESS_GROUPS = 10;
    private static final int MAX_NAME = 100;
    private static final Pattern BATCH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final ObjectMapper json;
    private final InputLimits limits;
    private final QueryValidator validator;
    private final MassBatches batches;
    private final BatchFiles files;
    private final Path outbox;
    private final Clock clock;
    private final String apiVersion;
    private final int chunkSize;
    private final long groupMaxChars;

    /**
     * @param json          a mapper made by {@link InputLimits#reader}
     * @param chunkSize     the most rows a group (and a chunk) holds
     * @param groupMaxChars about the most characters a group holds, whatever its rows' lengths
     */
    public MassIntake(ObjectMapper json, InputLimits limits, QueryValidator validator, MassBatches batches,
                      BatchFiles files, Path outbox, Clock clock, String apiVersion, int chunkSize,
                      long groupMaxChars) {
        this.chunkSize = chunkSize;
        this.groupMaxChars = groupMaxChars;
        this.json = json;
        this.limits = limits;
        this.validator = validator;
        this.batches = batches;
        this.files = files;
        this.outbox = outbox;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    /**
     * Opens the batch of the file or message in the exchange (or resumes it, when the same input
     * was being read when the bundle stopped) and returns its rows to split, after the header.
     */
    public Reader begin(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        boolean fromFile = "file".equals(message.getHeader(Headers.CHANNEL));
        String fileName = fromFile ? message.getHeader(Exchange.FILE_NAME_ONLY, String.class) : null;
        // a byte that is not UTF-8 is read as U+FFFD: its row is rejected, the rows after it are read
        Reader text = fromFile
                ? new InputStreamReader(Files.newInputStream(message.getMandatoryBody(File.class).toPath()),
                        StandardCharsets.UTF_8)
                : new StringReader(message.getBody(String.class) == null ? "" : message.getBody(String.class));
        BufferedReader input = new BufferedReader(new BoundedLines(new BufferedReader(text), limits.maxBytes()));
        try {
            String first = firstLine(input);
            MassRowFormat format = MassRowFormat.of(fileName, first, json, limits);
            if (!format.hasHeader()) {
                input.reset();
            }
            MassReading reading = fromFile
                    ? open(fileBatchName(fileName), fileName, "file",
                            "file:" + message.getHeader(Exchange.FILE_LENGTH) + ":"
                                    + message.getHeader(Exchange.FILE_LAST_MODIFIED), null, null, format)
                    : open(jmsBatchName(message), "jms:" + message.getHeader(Headers.SOURCE_QUEUE), "jms",
                            "jms:" + message.getHeader("JMSMessageID"), message.getHeader(Headers.REPLY_TO, String.class),
                            message.getHeader(Headers.CORRELATION_ID, String.class), format);
            exchange.setProperty(ExchangeProperties.MASS_READING, reading);
            message.setHeader(Headers.BATCH_ID, reading.batch().id());
            if (reading.isAlreadyRead()) {
                input.close();
                return new StringReader("");
            }
            return input;
        } catch (IOException | SQLException | UnreadableInputException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private MassReading open(String name, String source, String channel, String fingerprint, String replyTo,
                             String correlationId, MassRowFormat format) throws SQLException, UnreadableInputException {
        MassBatch resumed = batches.unfinishedFrom(source, fingerprint);
        if (resumed != null) {
            // a JMS batch is here again only because its message went back, with the lane messages
            // its reading sent: it is read again, whatever its state says
            boolean read = resumed.state() == MassBatch.State.READ && !"jms".equals(channel);
            LOG.info("Mass batch {}: {} {} again after a restart", resumed.name(), read ? "archiving" : "reading",
                    source);
            return new MassReading(resumed, format, read);
        }
        MassBatch running = batches.unfinished(name);
        if (running != null) {
            throw new UnreadableInputException("a batch named " + name + " is still running (started "
                    + running.startedAt() + "); send this one again once " + name + ".summary.json is out, "
                    + "or give it another name");
        }
        String free = freeName(name);
        if (!free.equals(name)) {
            LOG.info("Mass batch {}: earlier results of that name are in the outbox; this batch is {}", name, free);
        }
        MassBatch batch = batches.create(free, source, channel, fingerprint, replyTo, correlationId);
        LOG.info("Mass batch {}: reading {} (batch id {})", free, source, batch.id());
        return new MassReading(batch, format, false);
    }

    /** The name, or {@code <name>-2}, {@code -3} ...: the first no results in the outbox and no running batch have. */
    private String freeName(String name) throws SQLException {
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? name : name + "-" + n;
            if (!Files.exists(outbox.resolve(candidate + ".jsonl"))
                    && !Files.exists(outbox.resolve(candidate + ".summary.json"))
                    && batches.unfinished(candidate) == null) {
                return candidate;
            }
        }
    }

    /**
     * Checks a group of rows: each bad row gets its {@code REJECTED} result at once; the good
     * ones are returned as chunks (one per purpose) still to be kept for their batch's turn on the
     * mass lane (none that was kept before: the input read again).
     */
    public List<MassChunk> rows(String group, Exchange exchange) throws IOException, SQLException {
        MassReading reading = exchange.getProperty(ExchangeProperties.MASS_READING, MassReading.class);
        String batchId = reading.batch().id();
        int groupNo = reading.nextGroup();
        Map<String, List<MassChunk.Row>> byPurpose = new LinkedHashMap<>();
        List<QueryResult> rejected = new ArrayList<>();
        OffsetDateTime now = AnswerTime.now(clock);
        for (String text : group.split("\n")) {
            String row = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            if (row.isBlank()) {
                continue;
            }
            int line = reading.nextRow();
            try {
                JsonNode query = reading.format().query(row);
                String requestId = query.hasNonNull("requestId") ? validator.requestIdOf(query)
                        : reading.batch().name() + "-" + line;
                OnlineQuery valid = validator.validate(query, requestId);
                byPurpose.computeIfAbsent(valid.purpose(), p -> new ArrayList<>()).add(new MassChunk.Row(line, valid));
            } catch (InvalidQueryException e) {
                rejected.add(QueryResult.problem(reading.batch().name() + "-" + line, null, ResultStatus.REJECTED,
                        Problem.of(e), now, apiVersion).withLine(line));
            }
        }
        if (!rejected.isEmpty()) {
            files.writeAnswers(batchId, rejected.get(0).line(), String.format("r%06d", groupNo), rejected);
            reading.rejected(rejected.size());
        }
        List<MassChunk> toKeep = new ArrayList<>();
        for (Map.Entry<String, List<MassChunk.Row>> rows : byPurpose.entrySet()) {
            int number = reading.nextChunk();
            MassChunk chunk = new MassChunk(batchId, number, fragaId(batchId, number), rows.getKey(), null,
                    rows.getValue());
            if (batches.chunkMade(chunk)) {
                toKeep.add(chunk);
            }
        }
        if (groupNo % PROGRESS_GROUPS == 0) {
            batches.reading(batchId, reading.rows(), reading.rejected(), reading.chunks());
        }
        return toKeep;
    }

    /**
     * The rows to split, in groups of at most a chunk's rows and about {@code lefi.mass.group-max-bytes}
     * characters ({@link RowGroups}).
     */
    public RowGroups groups(Exchange exchange) {
        MassReading reading = exchange.getProperty(ExchangeProperties.MASS_READING, MassReading.class);
        BufferedReader rows = exchange.getMessage().getBody(BufferedReader.class);
        return new RowGroups(rows, chunkSize, groupMaxChars, reading.format().quotedLineBreaks(), limits.maxBytes());
    }

    /** The tally event that says the whole input is read: how many rows, and how many were rejected. */
    public String finish(Exchange exchange) throws IOException {
        MassReading reading = exchange.getProperty(ExchangeProperties.MASS_READING, MassReading.class);
        LOG.info("Mass batch {}: read {} rows ({} rejected) into {} chunks", reading.batch().name(), reading.rows(),
                reading.rejected(), reading.chunks());
        return MassTally.readEvent(json, reading.rows(), reading.rejected());
    }

    /** Records that the whole input is read (after the tally was told). */
    public void read(Exchange exchange) throws SQLException {
        MassReading reading = exchange.getProperty(ExchangeProperties.MASS_READING, MassReading.class);
        batches.read(reading.batch().id(), reading.rows(), reading.rejected(), reading.chunks());
    }

    /** A chunk's fragaId: the same whenever the batch's input is read, unique to the batch. */
    static String fragaId(String batchId, int chunkNo) {
        return UUID.nameUUIDFromBytes((batchId + "/" + chunkNo).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String firstLine(BufferedReader input) throws IOException, UnreadableInputException {
        // a line is cut at the limit (BoundedLines): the mark holds the longest there can be
        input.mark((int) Math.min(Integer.MAX_VALUE - 2, limits.maxBytes() + 2));
        String line = input.readLine();
        if (line == null || line.isBlank()) {
            throw new UnreadableInputException(line == null ? "the input is empty"
                    : "the first line is empty; it must be the CSV header row or the first JSON query");
        }
        return line;
    }

    /** A file's batch name: its name without the extension, at most 100 characters (its results' names fit). */
    private static String fileBatchName(String fileName) {
        String name = fileName.replaceFirst("\\.[^.]*$", "");
        return name.length() <= MAX_NAME ? name : name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
    }

    private static String jmsBatchName(Message message) throws UnreadableInputException {
        String name = message.getHeader("batchId", String.class);
        if (name == null || name.isBlank()) {
            return "jms-" + String.valueOf(message.getHeader("JMSMessageID")).replaceAll("[^A-Za-z0-9._-]", "_");
        }
        if (!BATCH_NAME.matcher(name).matches()) {
            throw new UnreadableInputException("the batchId header must be 1 to 100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return name;
    }
}
