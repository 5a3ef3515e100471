package se.lefileka.lefi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.lefileka.fk.AnswerFields;
import se.lefileka.fk.FkRequest;
import se.lefileka.query.BenefitInfo;
import se.lefileka.query.OnlineQuery;

/** LEFI v2 (current): ISO dates, {@code personnummer}, {@code syfte}, organisation header. */
public class LefiV2Mapper implements LefiMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE;

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public Map<String, String> headers(String organisationsnummer) {
        return Map.of("X-Organisationsnummer", organisationsnummer);
    }

    @Override
    public FkRequest onlineQuery(OnlineQuery query, String fragaId) {
        ObjectNode body = JSON.objectNode().put("fragaId", fragaId);
        fraga(body, query);
        body.put("syfte", query.purpose());
        return new FkRequest("POST", "/v2/onlinefragor", body);
    }

    @Override
    public FkRequest massSubmission(String fragaId, String purpose, List<OnlineQuery> queries) {
        ObjectNode body = JSON.objectNode().put("fragaId", fragaId).put("syfte", purpose);
        ArrayNode fragor = body.putArray("fragor");
        queries.forEach(query -> fraga(fragor.addObject(), query));
        return new FkRequest("POST", "/v2/massfragor", body);
    }

    @Override
    public FkRequest massPoll(String arendeId) {
        return new FkRequest("GET", "/v2/massfragor/" + arendeId, null);
    }

    private static ObjectNode fraga(ObjectNode target, OnlineQuery query) {
        target.put("personnummer", query.personnummer());
        query.benefits().forEach(target.putArray("formaner")::add);
        return target.put("fromDatum", query.from().toString()).put("tomDatum", query.to().toString());
    }

    @Override
    public PersonAnswer personAnswer(JsonNode svar) {
        List<BenefitInfo> benefits = new ArrayList<>();
        for (JsonNode forman : svar.path("formaner")) {
            List<BenefitInfo.Period> periods = new ArrayList<>();
            for (JsonNode p : forman.path("perioder")) {
                periods.add(new BenefitInfo.Period(AnswerFields.date(p, "fromDatum", ISO),
                        AnswerFields.optionalDate(p, "tomDatum", ISO), p.path("belopp").decimalValue(),
                        LefiCodes.amountType(p.path("beloppstyp").asText()),
                        p.hasNonNull("omfattning") ? p.path("omfattning").asInt() : null));
            }
            List<BenefitInfo.Payment> payments = new ArrayList<>();
            for (JsonNode u : forman.path("utbetalningar")) {
                payments.add(new BenefitInfo.Payment(AnswerFields.date(u, "utbetalningsdatum", ISO),
                        u.path("belopp").decimalValue(), u.path("myndighet").asText()));
            }
            benefits.add(new BenefitInfo(forman.path("formanstyp").asText(), periods, payments));
        }
        return new PersonAnswer(svar.path("personnummer").asText(null),
                LefiCodes.status(AnswerFields.text(svar, "status")),
                benefits, svar.path("meddelande").asText(null));
    }
}
