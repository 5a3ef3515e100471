package se.lefileka.mass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JsonInput;
import se.lefileka.intake.UnreadableInputException;
import se.lefileka.intake.Utf8;
import se.lefileka.query.InvalidQueryException;

/**
 * How the rows of a mass file are written (PRODUCT.md, "Mass file"): CSV with a header row and
 * {@code ,} or {@code ;} as separator, benefit codes separated by {@code |}; or JSONL, one query
 * object per line. Turns one row into the query object the validator checks.
 */
public abstract class MassRowFormat {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES).build();
    private static final List<String> REQUIRED = List.of("personnummer", "benefits", "from", "to");
    private static final List<String> OPTIONAL = List.of("purpose", "requestid");
    /** A row holding a byte that is not UTF-8 (read as U+FFFD, so the rows after it are still read). */
    static final String NOT_UTF8 = "holds bytes that are not UTF-8 text";

    /** The format of a file by its name ({@code .csv}, {@code .jsonl}), or, for a message, by its first line. */
    public static MassRowFormat of(String fileName, String firstLine, ObjectMapper json, InputLimits limits)
            throws UnreadableInputException {
        boolean jsonl = fileName != null ? fileName.toLowerCase(Locale.ROOT).endsWith(".jsonl")
                : Utf8.withoutByteOrderMark(firstLine).stripLeading().startsWith("{");
        return jsonl ? new Jsonl(json, limits) : Csv.ofHeader(firstLine, json, limits);
    }

    /** Whether a quoted field may span lines (CSV), so a row is read to its closing quote. */
    public boolean quotedLineBreaks() {
        return this instanceof Csv;
    }

    /** Whether the first line is a header rather than a row. */
    public abstract boolean hasHeader();

    /** The row as a query object; an unreadable row is refused naming the field {@code row}. */
    public abstract JsonNode query(String line);

    /** Refuses a row cut at the length limit, spanning lines, or holding bytes that were not UTF-8. */
    static void checkText(String line, InputLimits limits) {
        if (line.indexOf(RowGroups.LINE_BREAK) >= 0) {
            throw new InvalidQueryException("row", "a quoted field holds a line break; the row is read as one "
                    + "and refused (a query's fields have none)");
        }
        if (line.indexOf(BoundedLines.CUT) >= 0) {
            throw new InvalidQueryException("row", "is longer than " + limits.maxBytes()
                    + " characters (bundle.input.max-bytes)");
        }
        if (line.indexOf(Utf8.NOT_UTF8) >= 0) {
            throw new InvalidQueryException("row", NOT_UTF8);
        }
    }

    static final class Jsonl extends MassRowFormat {

        private final ObjectMapper json;
        private final InputLimits limits;

        Jsonl(ObjectMapper json, InputLimits limits) {
            this.json = json;
            this.limits = limits;
        }

        @Override
        public boolean hasHeader() {
            return false;
        }

        @Override
        public JsonNode query(String line) {
            checkText(line, limits);
            JsonNode node;
            try {
                node = json.readTree(Utf8.withoutByteOrderMark(line));
            } catch (JsonProcessingException e) {
                throw new InvalidQueryException("row", "is " + JsonInput.problem(e, limits));
            }
            if (node == null || !node.isObject()) {
                throw new InvalidQueryException("row", "is not a JSON object");
            }
            return node;
        }
    }

    static final class Csv extends MassRowFormat {

        private final ObjectMapper json;
        private final InputLimits limits;
        private final ObjectReader reader;
        private final Map<String, Integer> columns;
        private final int width;

        private Csv(ObjectMapper json, InputLimits limits, char separator, Map<String, Integer> columns, int width) {
            this.json = json;
            this.limits = limits;
            this.reader = CSV.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator));
            this.columns = columns;
            this.width = width;
        }

        static Csv ofHeader(String header, ObjectMapper json, InputLimits limits) throws UnreadableInputException {
            String line = Utf8.withoutByteOrderMark(header);
            char separator = count(line, ';') > count(line, ',') ? ';' : ',';
            String[] names;
            try {
                names = CSV.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator))
                        .readValue(line);
            } catch (IOException e) {
                throw new UnreadableInputException("the CSV header row cannot be read");
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                String name = names[i].trim().toLowerCase(Locale.ROOT);
                if (REQUIRED.contains(name) || OPTIONAL.contains(name)) {
                    columns.putIfAbsent(name, i);
                }
            }
            List<String> missing = new ArrayList<>(REQUIRED);
            missing.removeAll(columns.keySet());
            if (!missing.isEmpty()) {
                throw new UnreadableInputException("the CSV header row lacks the column(s) " + String.join(", ", missing)
                        + "; it must name personnummer, benefits, from, to and optionally purpose, separated by , or ;");
            }
            return new Csv(json, limits, separator, columns, names.length);
        }

        @Override
        public boolean hasHeader() {
            return true;
        }

        @Override
        public JsonNode query(String line) {
            checkText(line, limits);
            String[] values;
            try {
                values = reader.readValue(line);
            } catch (IOException e) {
                throw new InvalidQueryException("row", "is not a readable CSV row");
            }
            if (values.length != width) {
                throw new InvalidQueryException("row", "has " + values.length + " values where the header names "
                        + width + " columns");
            }
            ObjectNode query = json.createObjectNode();
            putText(query, "personnummer", values[columns.get("personnummer")]);
            String benefits = values[columns.get("benefits")];
            if (!benefits.isBlank()) {
                ArrayNode codes = query.putArray("benefits");
                for (String code : benefits.split("\\|")) {
                    codes.add(code.trim());
                }
            }
            putText(query, "from", values[columns.get("from")]);
            putText(query, "to", values[columns.get("to")]);
            if (columns.containsKey("purpose")) {
                putText(query, "purpose", values[columns.get("purpose")]);
            }
            if (columns.containsKey("requestid")) {
                putText(query, "requestId", values[columns.get("requestid")]);
            }
            return query;
        }

        private static void putText(ObjectNode query, String field, String value) {
            if (!value.isBlank()) {
                query.put(field, value.trim());
            }
        }

        private static long count(String line, char c) {
            return line.chars().filter(ch -> ch == c).count();
        }
    }
}
