package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import se.lefileka.personnummer.InvalidPersonnummerException;
import se.lefileka.personnummer.Personnummer;
import se.lefileka.query.BenefitType;
import se.lefileka.query.Purpose;

/** One query about one person as FK reads it from the wire, checked by FK's rules. */
record SandboxQuery(String personnummer, List<String> formaner, LocalDate from, LocalDate to) {

    /** Reads a v2 query ({@code personnummer, formaner, fromDatum, tomDatum}) or a v1 one ({@code pnr, formaner, period}). */
    static SandboxQuery read(JsonNode node, boolean v1, LocalDate today) {
        if (node == null || !node.isObject()) {
            throw new BadRequest("frågan är inte ett objekt");
        }
        String pnr = personnummer(node.path(v1 ? "pnr" : "personnummer").asText(null), today);
        List<String> formaner = formaner(node.path("formaner"));
        LocalDate from = v1 ? v1Date(node.path("period").path("from")) : date(node.path("fromDatum"));
        LocalDate to = v1 ? v1Date(node.path("period").path("tom")) : date(node.path("tomDatum"));
        if (from.isAfter(to)) {
            throw new BadRequest("fromDatum är efter tomDatum");
        }
        if (to.isAfter(from.plusMonths(24))) {
            throw new BadRequest("perioden är längre än 24 månader");
        }
        if (to.isAfter(today.plusMonths(12))) {
            throw new BadRequest("tomDatum ligger mer än 12 månader fram");
        }
        return new SandboxQuery(pnr, formaner, from, to);
    }

    static String personnummer(String wire, LocalDate today) {
        if (wire == null || !wire.matches("\\d{12}")) {
            throw new BadRequest("personnummer ska vara 12 siffror");
        }
        try {
            Personnummer.parse(wire, today);
            return wire;
        } catch (InvalidPersonnummerException e) {
            throw new BadRequest("ogiltigt personnummer");
        }
    }

    static List<String> formaner(JsonNode codes) {
        if (!codes.isArray() || codes.isEmpty() || codes.size() > 19) {
            throw new BadRequest("formaner ska ha 1 till 19 koder");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode code : codes) {
            if (!BenefitType.isKnown(code.asText())) {
                throw new BadRequest("okänd formanstyp");
            }
            result.add(code.asText());
        }
        if (new HashSet<>(result).size() != result.size()) {
            throw new BadRequest("formaner har dubbletter");
        }
        return result;
    }

    static void checkSyfte(JsonNode syfte) {
        if (!syfte.isTextual() || !Purpose.isKnown(syfte.asText())) {
            throw new BadRequest("syfte saknas eller är okänt");
        }
    }

    private static LocalDate date(JsonNode node) {
        try {
            return LocalDate.parse(node.asText(""));
        } catch (DateTimeParseException e) {
            throw new BadRequest("ogiltigt datum");
        }
    }

    private static LocalDate v1Date(JsonNode node) {
        try {
            return SandboxWire.parseV1Date(node.asText(""));
        } catch (DateTimeParseException e) {
            throw new BadRequest("ogiltigt datum");
        }
    }
}
