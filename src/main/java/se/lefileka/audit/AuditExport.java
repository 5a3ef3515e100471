package se.lefileka.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.intake.FileNames;
import se.lefileka.intake.UnreadableInputException;
import se.lefileka.query.QueryValidator;

/**
 * Exports the audit log as CSV: the rows of a period ({@code {"from": "YYYY-MM-DD", "to":
 * "YYYY-MM-DD"}}, both days included, Stockholm time; either may be left out), streamed from the
 * database to {@code <outbox>/<name>.csv} (or {@code <name>-2.csv} ..., never over an earlier
 * export), written under a temporary name and then renamed.
 */
public class AuditExport {

    private static final String[] COLUMNS = {"at", "organisation", "channel", "reference", "person", "purpose",
            "api_version", "outcome", "source"};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Path outbox;
    private final CsvMapper csv = new CsvMapper();

    public AuditExport(DataSource dataSource, ObjectMapper json, Path outbox) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1000);
        this.json = json;
        this.outbox = outbox;
    }

    /** Writes the period the request names; returns the CSV file's path. */
    public String export(String request, @Header("CamelFileNameOnly") String requestFile)
            throws UnreadableInputException, IOException, SQLException {
        JsonNode period = period(request);
        LocalDate from = date(period, "from", LocalDate.of(1970, 1, 1));
        LocalDate to = date(period, "to", LocalDate.of(9999, 12, 30));
        if (from.isAfter(to)) {
            throw new UnreadableInputException("from is after to");
        }
        Files.createDirectories(outbox);
        // an earlier export of the same name stays: this one gets <name>-2.csv
        String name = FileNames.firstFree(outbox, requestFile.replaceFirst("\\.[^.]*$", ""), ".csv");
        Path temporary = outbox.resolve("." + name);
        CsvSchema schema = CsvSchema.builder().addColumns(List.of(COLUMNS), CsvSchema.ColumnType.STRING)
                .build().withHeader();
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
             SequenceWriter writer = csv.writer(schema).writeValues(out)) {
            // streamed from the database, a thousand rows at a time
            jdbc.query("SELECT " + String.join(", ", COLUMNS) + " FROM audit_log WHERE at >= ? AND at < ? ORDER BY id",
                    rows -> {
                        String[] row = new String[COLUMNS.length];
                        row[0] = rows.getTimestamp(1).toInstant().atZone(QueryValidator.STOCKHOLM).toOffsetDateTime()
                                .toString();
                        for (int i = 1; i < COLUMNS.length; i++) {
                            String value = rows.getString(i + 1);
                            row[i] = value == null ? "" : value;
                        }
                        try {
                            writer.write(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    Timestamp.from(from.atStartOfDay(QueryValidator.STOCKHOLM).toInstant()),
                    Timestamp.from(to.plusDays(1).atStartOfDay(QueryValidator.STOCKHOLM).toInstant()));
        }
        Path file = outbox.resolve(name);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return file.toString();
    }

    private JsonNode period(String request) throws UnreadableInputException {
        if (request == null || request.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(request);
            if (!node.isObject()) {
                throw new UnreadableInputException("expected {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}");
            }
            return node;
        } catch (IOException e) {
            throw new UnreadableInputException("not valid JSON");
        }
    }

    private static LocalDate date(JsonNode period, String field, LocalDate otherwise) throws UnreadableInputException {
        JsonNode value = period.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new UnreadableInputException(field + " is not a date (YYYY-MM-DD)");
        }
    }
}
