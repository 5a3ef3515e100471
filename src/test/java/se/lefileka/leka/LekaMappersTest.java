package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.lefileka.fk.FkRequest;
import se.lefileka.query.ResultStatus;

/** Each LEKA version's mapper words the calls and reads the answers exactly as CONTRACT.md has them. */
class LekaMappersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-24T10:00:00+01:00");
    private static final String PERSON = "199001012385";

    @Test
    void v2WordsTheSubscriptionCalls() throws Exception {
        LekaV2Mapper v2 = new LekaV2Mapper();
        FkRequest register = v2.register(PERSON, List.of("BOSTADSBIDRAG"));
        assertThat(register.method()).isEqualTo("POST");
        assertThat(register.path()).isEqualTo("/v2/prenumerationer");
        assertThat(register.body()).isEqualTo(JSON.readTree("""
                {"personnummer": "199001012385", "formaner": ["BOSTADSBIDRAG"]}"""));
        assertThat(v2.check(PERSON)).isEqualTo(new FkRequest("GET", "/v2/prenumerationer/" + PERSON, null));
        assertThat(v2.unregister(PERSON)).isEqualTo(new FkRequest("DELETE", "/v2/prenumerationer/" + PERSON, null));
        assertThat(v2.headers("2120000142")).containsEntry("X-Organisationsnummer", "2120000142");

        Subscription subscription = v2.subscription(v2.conflictingSubscription(JSON.readTree("""
                {"felkod": "REDAN_REGISTRERAD", "meddelande": "finns", "prenumeration": {"prenumerationId": "P-7",
                 "personnummer": "199001012385", "formaner": ["BOSTADSBIDRAG"], "registrerad": "2026-11-20T08:00:00+01:00"}}""")));
        assertThat(subscription).isEqualTo(new Subscription("P-7", PERSON, List.of("BOSTADSBIDRAG"),
                OffsetDateTime.parse("2026-11-20T08:00:00+01:00")));
    }

    @Test
    void v1WordsTheSubscriptionCalls() throws Exception {
        LekaV1Mapper v1 = new LekaV1Mapper();
        FkRequest register = v1.register(PERSON, List.of("BOSTADSBIDRAG"));
        assertThat(register.path()).isEqualTo("/v1/prenumeration");
        assertThat(register.body()).isEqualTo(JSON.readTree("""
                {"pnr": "199001012385", "formaner": ["BOSTADSBIDRAG"]}"""));
        assertThat(v1.check(PERSON).path()).isEqualTo("/v1/prenumeration/" + PERSON);
        assertThat(v1.unregister(PERSON).method()).isEqualTo("DELETE");
        assertThat(v1.headers("2120000142")).isEmpty();
        assertThat(v1.subscription(JSON.readTree("""
                {"id": "P-3", "pnr": "199001012385", "formaner": ["BARNBIDRAG"]}""")))
                .isEqualTo(new Subscription("P-3", PERSON, List.of("BARNBIDRAG"), null));
    }

    @Test
    void v2ReadsAPageOfNotificationsAndWordsTheAcknowledgement() throws Exception {
        LekaV2Mapper v2 = new LekaV2Mapper();
        assertThat(v2.fetch(100).path()).isEqualTo("/v2/aviseringar?max=100");
        NotificationPage page = v2.page(JSON.readTree("""
                {"aviseringar": [{"aviseringId": "A-1", "personnummer": "199001012385", "formanstyp": "BOSTADSBIDRAG",
                  "handelse": "UPPHORD", "giltigFrom": "2026-12-01", "skapad": "2026-11-23T09:00:00+01:00",
                  "personsvar": {"personnummer": "199001012385", "status": "SKYDDAD_IDENTITET", "formaner": []}}],
                 "fler": true}"""), 100, NOW);
        assertThat(page.more()).isTrue();
        Notification notification = page.notifications().get(0);
        assertThat(notification.notificationId()).isEqualTo("A-1");
        assertThat(notification.event()).isEqualTo("ENDED");
        assertThat(notification.validFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(notification.createdAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T09:00:00+01:00"));
        assertThat(notification.person().status()).isEqualTo(ResultStatus.PROTECTED);
        assertThat(notification.person().personnummer()).as("a protected person shows nothing but the status").isNull();
        assertThat(v2.acknowledge(List.of("A-1", "A-2")).body()).isEqualTo(JSON.readTree("""
                {"aviseringIds": ["A-1", "A-2"]}"""));
        assertThat(v2.acknowledge(List.of("A-1")).path()).isEqualTo("/v2/aviseringar/kvittens");
    }

    @Test
    void v1ReadsABareArrayAndTakesAFullPageAsMoreWaiting() throws Exception {
        LekaV1Mapper v1 = new LekaV1Mapper();
        String one = """
                {"id": "A-%d", "pnr": "199001012385", "forman": "SJUKPENNING", "handelse": "NY", "from": "20261201",
                 "personsvar": {"pnr": "199001012385", "status": "OK", "resultat": [{"forman": "SJUKPENNING",
                   "perioder": [{"from": "20261201", "tom": "20261231", "belopp": 912.00, "beloppstyp": "DAG",
                   "omfattning": 100}], "utbetalningar": []}]}}""";
        NotificationPage full = v1.page(JSON.readTree("[" + one.formatted(1) + "," + one.formatted(2) + "]"), 2, NOW);
        assertThat(full.more()).isTrue();
        Notification notification = full.notifications().get(0);
        assertThat(notification.event()).isEqualTo("NEW");
        assertThat(notification.validFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(notification.createdAt()).isNull();
        assertThat(notification.person().benefits().get(0).periods().get(0).from()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(v1.page(JSON.readTree("[" + one.formatted(1) + "]"), 2, NOW).more()).isFalse();
        assertThat(v1.acknowledge(List.of("A-1"))).isEqualTo(new FkRequest("POST", "/v1/kvittens",
                JSON.readTree("{\"ids\": [\"A-1\"]}")));
    }

    @Test
    void eachNotificationIsReadOnItsOwnSoOneThatCannotBeReadLeavesTheRestOfThePage() throws Exception {
        String good = """
                {"aviseringId": "A-%d", "personnummer": "199001012385", "formanstyp": "BOSTADSBIDRAG",
                 "handelse": "ANDRAD", "giltigFrom": "2026-12-01",
                 "personsvar": {"personnummer": "199001012385", "status": "OK", "formaner": []}}""";
        String withoutValidFrom = """
                {"aviseringId": "A-9", "personnummer": "199001012385", "formanstyp": "BOSTADSBIDRAG",
                 "handelse": "ANDRAD", "personsvar": {"personnummer": "199001012385", "status": "OK", "formaner": []}}""";
        NotificationPage v2 = new LekaV2Mapper().page(JSON.readTree("{\"aviseringar\": [" + good.formatted(1) + ","
                + withoutValidFrom + "," + good.formatted(2) + "], \"fler\": false}"), 100, NOW);
        assertThat(v2.notifications()).extracting(Notification::notificationId).containsExactly("A-1", "A-2");
        assertThat(v2.unreadable()).singleElement().satisfies(bad -> {
            assertThat(bad.notificationId()).isEqualTo("A-9");
            assertThat(bad.reason()).isEqualTo("LEKA's notification cannot be read: field 'giltigFrom' is missing");
            assertThat(JSON.readTree(bad.text())).as("as LEKA gave it").isEqualTo(JSON.readTree(withoutValidFrom));
        });

        String v1Good = """
                {"id": "A-%d", "pnr": "199001012385", "forman": "SJUKPENNING", "handelse": "NY", "from": "20261201",
                 "personsvar": {"pnr": "199001012385", "status": "OK", "resultat": []}}""";
        NotificationPage v1 = new LekaV1Mapper().page(JSON.readTree("[" + v1Good.formatted(1) + ","
                + "{\"pnr\": \"199001012385\", \"forman\": \"SJUKPENNING\", \"handelse\": \"NY\", \"from\": \"2026-12\"},"
                + v1Good.formatted(2) + "]"), 3, NOW);
        assertThat(v1.notifications()).extracting(Notification::notificationId).containsExactly("A-1", "A-2");
        assertThat(v1.unreadable()).singleElement().satisfies(bad -> {
            assertThat(bad.notificationId()).as("without an id it cannot be acknowledged").isNull();
            assertThat(bad.reason()).isEqualTo("LEKA's notification cannot be read: field 'id' is missing");
        });
        assertThat(v1.more()).as("a full page, the unreadable one counted").isTrue();
    }
}
