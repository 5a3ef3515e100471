package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** The sandbox's own reading of the v1 wire forms (compact dates, other field names). */
final class SandboxWire {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter V1_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    static String v1Date(String isoDate) {
        return LocalDate.parse(isoDate).format(V1_DATE);
    }

    static LocalDate parseV1Date(String compact) {
        return LocalDate.parse(compact, V1_DATE);
    }

    /** A v2 personsvar in the v1 form. */
    static ObjectNode toV1(JsonNode v2) {
        ObjectNode v1 = JSON.objectNode().put("pnr", v2.path("personnummer").asText())
                .put("status", v2.path("status").asText());
        ArrayNode resultat = v1.putArray("resultat");
        for (JsonNode forman : v2.path("formaner")) {
            ObjectNode r = resultat.addObject().put("forman", forman.path("formanstyp").asText());
            ArrayNode perioder = r.putArray("perioder");
            for (JsonNode p : forman.path("perioder")) {
                ObjectNode period = perioder.addObject().put("from", v1Date(p.path("fromDatum").asText()));
                if (p.hasNonNull("tomDatum")) {
                    period.put("tom", v1Date(p.path("tomDatum").asText()));
                }
                period.put("belopp", p.path("belopp").decimalValue())
                        .put("beloppstyp", p.path("beloppstyp").asText())
                        .put("omfattning", p.path("omfattning").asInt());
            }
            ArrayNode utbetalningar = r.putArray("utbetalningar");
            for (JsonNode u : forman.path("utbetalningar")) {
                utbetalningar.addObject().put("datum", v1Date(u.path("utbetalningsdatum").asText()))
                        .put("belopp", u.path("belopp").decimalValue())
                        .put("myndighet", u.path("myndighet").asText());
            }
        }
        return v1;
    }

    private SandboxWire() {
    }
}
