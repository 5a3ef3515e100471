package se.lefileka.lefi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.lefileka.fk.AnswerFields;
import se.lefileka.fk.FkRequest;
import se.lefileka.query.BenefitInfo;
import se.lefileka.query.OnlineQuery;

/** LEFI v1 (previous): {@code pnr}, a {@code period} object, {@code YYYYMMDD} dates, no purpose, no organisation header. */
public class LefiV1Mapper implements LefiMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Map<String, String> headers(String organisationsnummer) {
        return Map.of();
    }

    @Override
    public FkRequest onlineQuery(OnlineQuery query, String fragaId) {
        return new FkRequest("POST", "/v1/online/fraga", fraga(JSON.objectNode().put("fragaId", fragaId), query));
    }

    /** v1 has no purpose: the organisation's agreement with FK names it. */
    @Override
    public FkRequest massSubmission(String fragaId, String purpose, List<OnlineQuery> queries) {
        ObjectNode body = JSON.objectNode().put("fragaId", fragaId);
        ArrayNode fragor = body.putArray("fragor");
        queries.forEach(query -> fraga(fragor.addObject(), query));
        return new FkRequest("POST", "/v1/mass/fraga", body);
    }

    @Override
    public FkRequest massPoll(String arendeId) {
        return new FkRequest("GET", "/v1/mass/svar/" + arendeId, null);
    }

    private static ObjectNode fraga(ObjectNode target, OnlineQuery query) {
        target.put("pnr", query.personnummer());
        query.benefits().forEach(target.putArray("formaner")::add);
        target.putObject("period").put("from", query.from().format(DATE)).put("tom", query.to().format(DATE));
        return target;
    }

    @Override
    public PersonAnswer personAnswer(JsonNode svar) {
        List<BenefitInfo> benefits = new ArrayList<>();
        for (JsonNode resultat : svar.path("resultat")) {
            List<BenefitInfo.Period> periods = new ArrayList<>();
            for (JsonNode p : resultat.path("perioder")) {
                periods.add(new BenefitInfo.Period(AnswerFields.date(p, "from", DATE),
                        AnswerFields.optionalDate(p, "tom", DATE),
                        p.path("belopp").decimalValue(), LefiCodes.amountType(p.path("beloppstyp").asText()),
                        p.hasNonNull("omfattning") ? p.path("omfattning").asInt() : null));
            }
            List<BenefitInfo.Payment> payments = new ArrayList<>();
            for (JsonNode u : resultat.path("utbetalningar")) {
                payments.add(new BenefitInfo.Payment(AnswerFields.date(u, "datum", DATE),
                        u.path("belopp").decimalValue(),
                        u.path("myndighet").asText()));
            }
            benefits.add(new BenefitInfo(resultat.path("forman").asText(), periods, payments));
        }
        return new PersonAnswer(svar.path("pnr").asText(null), LefiCodes.status(AnswerFields.text(svar, "status")),
                benefits, svar.path("meddelande").asText(null));
    }
}
