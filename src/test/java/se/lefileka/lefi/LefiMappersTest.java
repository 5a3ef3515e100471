package se.lefileka.lefi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.lefileka.fk.FkRequest;
import se.lefileka.fk.UnreadableAnswerException;
import se.lefileka.query.BenefitInfo;
import se.lefileka.query.OnlineQuery;
import se.lefileka.query.ResultStatus;

/** Each version's mapper words the call and reads the answer exactly as CONTRACT.md has it. */
class LefiMappersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OnlineQuery query = new OnlineQuery("case-1", "199001012385", List.of("SJUKPENNING"),
            LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), "HANDLAGGNING");

    @Test
    void v2WordsTheOnlineQuery() throws Exception {
        FkRequest call = new LefiV2Mapper().onlineQuery(query, "f-1");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v2/onlinefragor");
        assertThat(call.body()).isEqualTo(JSON.readTree("""
                {"fragaId": "f-1", "personnummer": "199001012385", "formaner": ["SJUKPENNING"],
                 "fromDatum": "2026-01-01", "tomDatum": "2026-06-30", "syfte": "HANDLAGGNING"}"""));
        assertThat(new LefiV2Mapper().headers("2120000142")).containsEntry("X-Organisationsnummer", "2120000142");
    }

    @Test
    void v1WordsTheOnlineQuery() throws Exception {
        FkRequest call = new LefiV1Mapper().onlineQuery(query, "f-1");
        assertThat(call.path()).isEqualTo("/v1/online/fraga");
        assertThat(call.body()).isEqualTo(JSON.readTree("""
                {"fragaId": "f-1", "pnr": "199001012385", "formaner": ["SJUKPENNING"],
                 "period": {"from": "20260101", "tom": "20260630"}}"""));
        assertThat(new LefiV1Mapper().headers("2120000142")).isEmpty();
    }

    @Test
    void bothVersionsReadTheSameAnswerIntoTheSameModel() throws Exception {
        PersonAnswer v2 = new LefiV2Mapper().personAnswer(JSON.readTree("""
                {"personnummer": "199001012385", "status": "OK", "formaner": [{"formanstyp": "SJUKPENNING",
                  "perioder": [{"fromDatum": "2026-01-05", "tomDatum": "2026-02-15", "belopp": 912.00,
                                "beloppstyp": "DAG", "omfattning": 100}],
                  "utbetalningar": [{"utbetalningsdatum": "2026-02-25", "belopp": 18240.00, "myndighet": "FK"}]}]}"""));
        PersonAnswer v1 = new LefiV1Mapper().personAnswer(JSON.readTree("""
                {"pnr": "199001012385", "status": "OK", "resultat": [{"forman": "SJUKPENNING",
                  "perioder": [{"from": "20260105", "tom": "20260215", "belopp": 912.00,
                                "beloppstyp": "DAG", "omfattning": 100}],
                  "utbetalningar": [{"datum": "20260225", "belopp": 18240.00, "myndighet": "FK"}]}]}"""));
        assertThat(v1).isEqualTo(v2);
        assertThat(v2.status()).isEqualTo(ResultStatus.OK);
        assertThat(v2.benefits().get(0).periods().get(0).amountType()).isEqualTo("DAY");
        assertThat(v2.benefits().get(0).payments().get(0).amount()).isEqualByComparingTo(new BigDecimal("18240"));
    }

    @Test
    void aPeriodStillRunningHasNoEndInEitherVersion() throws Exception {
        PersonAnswer v2 = new LefiV2Mapper().personAnswer(JSON.readTree("""
                {"personnummer": "199001012385", "status": "OK", "formaner": [{"formanstyp": "ALDERSPENSION",
                  "perioder": [{"fromDatum": "2020-01-01", "tomDatum": null, "belopp": 14000.00, "beloppstyp": "MANAD"},
                               {"fromDatum": "2019-01-01", "belopp": 13000.00, "beloppstyp": "MANAD"}],
                  "utbetalningar": []}]}"""));
        PersonAnswer v1 = new LefiV1Mapper().personAnswer(JSON.readTree("""
                {"pnr": "199001012385", "status": "OK", "resultat": [{"forman": "ALDERSPENSION",
                  "perioder": [{"from": "20200101", "tom": null, "belopp": 14000.00, "beloppstyp": "MANAD"},
                               {"from": "20190101", "belopp": 13000.00, "beloppstyp": "MANAD"}],
                  "utbetalningar": []}]}"""));
        assertThat(v1).isEqualTo(v2);
        assertThat(v2.benefits().get(0).periods()).extracting(BenefitInfo.Period::to).containsOnlyNulls();
        assertThat(v2.benefits().get(0).periods().get(0).from()).isEqualTo(LocalDate.of(2020, 1, 1));
    }

    @Test
    void anAnswerWithoutWhatTheContractRequiresCannotBeReadAndSaysWhichFieldWithoutItsValue() throws Exception {
        LefiV2Mapper v2 = new LefiV2Mapper();
        assertThatThrownBy(() -> v2.personAnswer(JSON.readTree("""
                {"personnummer": "199001012385", "formaner": []}""")))
                .isInstanceOf(UnreadableAnswerException.class).hasMessage("field 'status' is missing");
        assertThatThrownBy(() -> v2.personAnswer(JSON.readTree("""
                {"personnummer": "199001012385", "status": "OK", "formaner": [{"formanstyp": "SJUKPENNING",
                  "perioder": [{"fromDatum": "2026-01-05", "tomDatum": "1990-13-45"}]}]}""")))
                .isInstanceOf(UnreadableAnswerException.class).hasMessage("field 'tomDatum' is not a date");
        assertThatThrownBy(() -> new LefiV1Mapper().personAnswer(JSON.readTree("""
                {"pnr": "199001012385", "status": "OK", "resultat": [{"forman": "SJUKPENNING",
                  "perioder": [{"tom": "20260215"}]}]}""")))
                .isInstanceOf(UnreadableAnswerException.class).hasMessage("field 'from' is missing");
    }

    @Test
    void readsTheStatuses() throws Exception {
        LefiV2Mapper v2 = new LefiV2Mapper();
        assertThat(v2.personAnswer(JSON.readTree("{\"status\": \"PERSON_SAKNAS\"}")).status())
                .isEqualTo(ResultStatus.NOT_FOUND);
        assertThat(v2.personAnswer(JSON.readTree("{\"status\": \"SKYDDAD_IDENTITET\"}")).status())
                .isEqualTo(ResultStatus.PROTECTED);
        assertThat(v2.personAnswer(JSON.readTree("{\"status\": \"FEL\", \"meddelande\": \"x\"}")).status())
                .isEqualTo(ResultStatus.FAILED);
    }

    @Test
    void v2WordsTheMassSubmissionAndPoll() throws Exception {
        FkRequest submit = new LefiV2Mapper().massSubmission("f-2", "SAMORDNING", List.of(query, query));
        assertThat(submit.path()).isEqualTo("/v2/massfragor");
        assertThat(submit.body()).isEqualTo(JSON.readTree("""
                {"fragaId": "f-2", "syfte": "SAMORDNING", "fragor": [
                  {"personnummer": "199001012385", "formaner": ["SJUKPENNING"], "fromDatum": "2026-01-01", "tomDatum": "2026-06-30"},
                  {"personnummer": "199001012385", "formaner": ["SJUKPENNING"], "fromDatum": "2026-01-01", "tomDatum": "2026-06-30"}]}"""));
        FkRequest poll = new LefiV2Mapper().massPoll("M-7");
        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.path()).isEqualTo("/v2/massfragor/M-7");
        assertThat(poll.body()).isNull();
    }

    @Test
    void v1WordsTheMassSubmissionAndPoll() throws Exception {
        FkRequest submit = new LefiV1Mapper().massSubmission("f-2", "SAMORDNING", List.of(query));
        assertThat(submit.path()).isEqualTo("/v1/mass/fraga");
        assertThat(submit.body()).isEqualTo(JSON.readTree("""
                {"fragaId": "f-2", "fragor": [
                  {"pnr": "199001012385", "formaner": ["SJUKPENNING"], "period": {"from": "20260101", "tom": "20260630"}}]}"""));
        assertThat(new LefiV1Mapper().massPoll("M-7").path()).isEqualTo("/v1/mass/svar/M-7");
    }

    @Test
    void bothVersionsReadTheMassCase() throws Exception {
        LefiMapper v1 = new LefiV1Mapper();
        assertThat(v1.massDone(JSON.readTree("{\"status\": \"PAGAR\"}"))).isFalse();
        assertThat(v1.arendeId(JSON.readTree("{\"arendeId\": \"M-1\"}"))).isEqualTo("M-1");
        assertThat(new LefiV2Mapper().massAnswers(JSON.readTree("""
                {"arendeId": "M-1", "status": "KLAR", "svar": [{"status": "OK"}, {"status": "PERSON_SAKNAS"}]}""")))
                .hasSize(2);
    }
}
