package se.lefileka.mass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.lefileka.intake.InputErrors;
import se.lefileka.intake.JmsReplies;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;
import se.lefileka.query.AnswerSource;
import se.lefileka.query.ResultStatus;

/**
 * Writes a completed batch's output: {@code <batch>.jsonl}, its answered rows merged from the
 * batch's files into input order (holding one line per open file, never the batch), and
 * {@code <batch>.summary.json}; each written under a temporary name, then renamed.
 */
public class MassOutput {

    private static final Logger LOG = LoggerFactory.getLogger(MassOutput.class);
    private static final String LINE_PREFIX = "{\"line\":";

    private final ObjectMapper json;
    private final MassBatches batches;
    private final BatchFiles files;
    private final Path outbox;
    private final String apiVersion;
    private final String resultsQueue;

    /** @param resultsQueue where a JMS batch's summary goes when its reply destination refuses it */
    public MassOutput(ObjectMapper json, MassBatches batches, BatchFiles files, Path outbox, String apiVersion,
                      String resultsQueue) {
        this.resultsQueue = resultsQueue;
        this.json = json;
        this.batches = batches;
        this.files = files;
        this.outbox = outbox;
        this.apiVersion = apiVersion;
    }

    /**
     * Writes the output of the batch whose tally is in the exchange and returns its summary. Done
     * again for a batch already written (a recovered completion), it only returns the summary.
     */
    public String write(Exchange exchange) throws IOException, SQLException {
        Message message = exchange.getMessage();
        String batchId = message.getHeader(Headers.BATCH_ID, String.class);
        MassTally.Tally tally = json.readValue(message.getBody(String.class), MassTally.Tally.class);
        MassBatch batch = batches.find(batchId);
        Files.createDirectories(outbox);
        if (batch.state() != MassBatch.State.DONE) {
            int written = merge(batchId, outbox.resolve(batch.name() + ".jsonl"));
            if (written != tally.rowsRead) {
                LOG.error("Mass batch {}: wrote {} result lines for {} rows read", batch.name(), written, tally.rowsRead);
            }
            batch = batches.done(batchId);
            writeAtomically(outbox.resolve(batch.name() + ".summary.json"), summary(batch, tally));
            files.delete(batchId);
            LOG.info("Mass batch {} done: {} rows, {}; output {}.jsonl", batch.name(), tally.rowsRead, tally.counts,
                    batch.name());
        }
        message.setHeader(Headers.CHANNEL, batch.channel());
        message.setHeader(Headers.REPLY_TO, batch.replyTo());
        message.setHeader(Headers.DEFAULT_REPLY_TO, "queue:" + resultsQueue);
        message.setHeader(Headers.CORRELATION_ID, batch.correlationId());
        return Files.readString(outbox.resolve(batch.name() + ".summary.json"), StandardCharsets.UTF_8);
    }

    /**
     * Ends a batch whose input could not be read to its end for a reason outside its rows: its
     * summary says so and why, and its work files go. Answers FK still gives for its rows are dropped.
     * Does nothing when no batch was opened.
     */
    public void abandon(Exchange exchange) throws IOException, SQLException {
        MassReading reading = exchange.getProperty(ExchangeProperties.MASS_READING, MassReading.class);
        if (reading == null || reading.batch().state() == MassBatch.State.DONE) {
            return;
        }
        MassBatch batch = batches.done(reading.batch().id());
        ObjectNode summary = json.createObjectNode()
                .put("batch", batch.name())
                .put("source", batch.source())
                .put("status", "FAILED")
                .put("error", "the batch could not be read to its end: "
                        + InputErrors.reasonOf(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                .put("rowsRead", reading.rows())
                .put("startedAt", batch.startedAt().toString())
                .put("endedAt", batch.endedAt().toString())
                .put("apiVersion", apiVersion);
        Files.createDirectories(outbox);
        writeAtomically(outbox.resolve(batch.name() + ".summary.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        files.delete(batch.id());
        LOG.warn("Mass batch {} failed after {} rows: {}", batch.name(), reading.rows(), summary.path("error").asText());
    }

    private String summary(MassBatch batch, MassTally.Tally tally) throws IOException, SQLException {
        ObjectNode summary = json.createObjectNode()
                .put("batch", batch.name())
                .put("source", batch.source())
                .put("rows", tally.rowsRead);
        if (AnswerSource.of(json) == AnswerSource.SANDBOX) {
            summary.put(AnswerSource.ATTRIBUTE, AnswerSource.SANDBOX.name());
        }
        ObjectNode counts = summary.putObject("counts");
        for (ResultStatus status : ResultStatus.values()) {
            counts.put(status.name(), tally.counts.getOrDefault(status, 0));
        }
        summary.put("startedAt", batch.startedAt().toString())
                .put("endedAt", batch.endedAt().toString())
                .put("apiVersion", apiVersion)
                .put("results", batch.name() + ".jsonl");
        MassBatches.ChunkProgress chunks = batches.chunkProgress(batch.id());
        int chunkCount = batch.chunks();
        summary.putObject("fk")
                .put("chunks", chunkCount)
                .put("calls", chunks.calls())
                .put("polls", chunks.polls())
                .put("callsPerChunk", chunkCount == 0 ? 0 : Math.round(100.0 * chunks.calls() / chunkCount) / 100.0)
                .put("pollsPerChunk", chunkCount == 0 ? 0 : Math.round(100.0 * chunks.polls() / chunkCount) / 100.0);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
    }

    /** Merges the batch's answer files (each in line order) into one file in line order; returns its line count. */
    int merge(String batchId, Path target) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        List<Path> parts = new ArrayList<>(files.answers(batchId));
        PriorityQueue<Part> open = new PriorityQueue<>();
        int next = 0;
        int written = 0;
        int last = 0;
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            while (next < parts.size() || !open.isEmpty()) {
                // open every part that starts before the smallest line now at hand
                while (next < parts.size() && (open.isEmpty() || firstLineOf(parts.get(next)) <= open.peek().line)) {
                    Part part = Part.open(parts.get(next++));
                    if (part != null) {
                        open.add(part);
                    }
                }
                Part smallest = open.poll();
                if (smallest.line != last) {
                    out.write(smallest.text);
                    out.newLine();
                    written++;
                    last = smallest.line;
                }
                if (smallest.advance()) {
                    open.add(smallest);
                }
            }
        } finally {
            open.forEach(Part::close);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }

    private void writeAtomically(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int firstLineOf(Path part) {
        return Integer.parseInt(part.getFileName().toString().substring(0, 10));
    }

    /** An answer file being read: its current line. */
    private static final class Part implements Comparable<Part> {
        private final BufferedReader reader;
        private String text;
        private int line;

        private Part(BufferedReader reader) {
            this.reader = reader;
        }

        static Part open(Path path) throws IOException {
            Part part = new Part(Files.newBufferedReader(path, StandardCharsets.UTF_8));
            if (part.advance()) {
                return part;
            }
            part.close();
            return null;
        }

        boolean advance() throws IOException {
            text = reader.readLine();
            if (text == null) {
                close();
                return false;
            }
            if (!text.startsWith(LINE_PREFIX)) {
                throw new IOException("an answer file line does not start with its line number");
            }
            int end = text.indexOf(',', LINE_PREFIX.length());
            line = Integer.parseInt(text.substring(LINE_PREFIX.length(), end));
            return true;
        }

        void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing left to read
            }
        }

        @Override
        public int compareTo(Part other) {
            return Integer.compare(line, other.line);
        }
    }
}
