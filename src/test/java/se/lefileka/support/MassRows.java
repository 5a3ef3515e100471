package se.lefileka.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mass batch for tests: rows of known persons, persons FK does not know (serial 99x) and
 * protected persons (98x), with a share of bad rows of every kind, each knowing the status and
 * (for a bad row) the field its result line must show.
 */
public final class MassRows {

    public static final String CSV_HEADER = "personnummer;benefits;from;to;purpose";

    /** One row: as a CSV line and as a JSONL line, and what its result must say. */
    public record Row(String csv, String jsonl, String status, String field) {
    }

    private final List<Row> rows;

    private MassRows(List<Row> rows) {
        this.rows = rows;
    }

    /** {@code count} rows, every {@code badEvery}-th of them bad (0: none). */
    public static MassRows of(int count, int badEvery) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(badEvery > 0 && i % badEvery == badEvery - 1 ? bad(i) : good(i));
        }
        return new MassRows(rows);
    }

    private static Row good(int i) {
        int kind = i % 50;
        String pnr = kind == 7 ? Persons.personnummer("19800101", 990 + i % 10)
                : kind == 8 ? Persons.personnummer("19800101", 980 + i % 10) : Persons.known(i);
        String status = kind == 7 ? "NOT_FOUND" : kind == 8 ? "PROTECTED" : "OK";
        return row(pnr, "SJUKPENNING|BOSTADSBIDRAG", "2026-01-01", "2026-06-30", "HANDLAGGNING", status, null);
    }

    private static Row bad(int i) {
        String pnr = Persons.known(i);
        return switch ((i / 7) % 5) {
            case 0 -> row(pnr.substring(0, 11) + ((pnr.charAt(11) - '0' + 1) % 10), "SJUKPENNING", "2026-01-01",
                    "2026-06-30", "HANDLAGGNING", "REJECTED", "personnummer");
            case 1 -> row(pnr, "SJUKPENNING|GLASS", "2026-01-01", "2026-06-30", "HANDLAGGNING", "REJECTED", "benefits");
            case 2 -> row(pnr, "SJUKPENNING", "2026-07-01", "2026-06-30", "HANDLAGGNING", "REJECTED", "from");
            case 3 -> row(pnr, "SJUKPENNING", "2026-01-01", "2026-02-30", "HANDLAGGNING", "REJECTED", "to");
            default -> new Row(pnr + ";SJUKPENNING;2026-01-01", "{\"personnummer\": \"" + pnr + "\", ",
                    "REJECTED", "row");
        };
    }

    private static Row row(String pnr, String benefits, String from, String to, String purpose, String status,
                           String field) {
        String csv = String.join(";", pnr, benefits, from, to, purpose);
        StringBuilder codes = new StringBuilder();
        for (String code : benefits.split("\\|")) {
            codes.append(codes.isEmpty() ? "" : ", ").append('"').append(code).append('"');
        }
        String jsonl = "{\"personnummer\": \"" + pnr + "\", \"benefits\": [" + codes + "], \"from\": \"" + from
                + "\", \"to\": \"" + to + "\", \"purpose\": \"" + purpose + "\"}";
        return new Row(csv, jsonl, status, field);
    }

    public List<Row> rows() {
        return rows;
    }

    public String csv() {
        StringBuilder text = new StringBuilder(CSV_HEADER).append("\r\n");
        rows.forEach(r -> text.append(r.csv()).append("\r\n"));
        return text.toString();
    }

    public String jsonl() {
        StringBuilder text = new StringBuilder();
        rows.forEach(r -> text.append(r.jsonl()).append('\n'));
        return text.toString();
    }

    /** How many rows must come out with each status. */
    public Map<String, Integer> expectedCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String status : List.of("OK", "NOT_FOUND", "PROTECTED", "REJECTED", "FAILED")) {
            counts.put(status, 0);
        }
        rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }
}
