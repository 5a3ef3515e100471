package se.lefileka.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.config.BudgetConfiguration;

/** The organisations' settings files are checked at start, each refusal naming the file, the key and why. */
class OrganisationsTest {

    @TempDir
    Path dir;

    private UnaryOperator<String> defaults() {
        Map<String, String> settings = Map.of("bundle.organisations.dir", dir.toString(),
                "lefi.organisationsnummer", "2120000142", "bundle.data.dir", "./data",
                "bundle.db.url", "jdbc:h2:file:./data/db/bundle", "lane.online.per-second", "1",
                "lane.online.threads", "1", "lane.mass.per-second", "2", "lane.mass.threads", "5",
                "jms.embedded.producer-user", "producer", "lefi.online.requests-queue", "lefi.online.requests");
        return key -> settings.getOrDefault(key, "");
    }

    @Test
    void noFolderIsNoOrganisationBesidesTheDefault() {
        Map<String, String> settings = Map.of("bundle.organisations.dir", dir.resolve("absent").toString());
        assertThat(Organisations.read(key -> settings.getOrDefault(key, ""), UnaryOperator.identity(), BudgetConfiguration.AGREED_LIMITS).isEmpty()).isTrue();
    }

    @Test
    void anOrganisationRunsOnItsOwnDataFolderQueuesAndSettings() throws Exception {
        Files.writeString(dir.resolve("kommun-b.properties"), """
                lefi.organisationsnummer = 2120000143
                lane.mass.per-second = 1
                """);
        Organisation organisation = Organisations.read(defaults(), UnaryOperator.identity(), BudgetConfiguration.AGREED_LIMITS).all().get(0);
        Map<String, String> overrides = organisation.overrides(defaults());
        assertThat(overrides).containsEntry("bundle.data.dir", Path.of("./data/kommun-b").toString())
                .containsEntry("lefi.online.requests-queue", "kommun-b.lefi.online.requests")
                .containsEntry("lane.mass.per-second", "1")
                .containsEntry("lefi.organisationsnummer", "2120000143")
                .containsEntry(Organisations.ORGANISATION_KEY, "kommun-b");
    }

    @Test
    void whatCannotWorkIsRefusedNamingTheFileAndTheKey() throws Exception {
        Files.writeString(dir.resolve("inbox.properties"), "lefi.organisationsnummer = 2120000144\n");
        Files.writeString(dir.resolve("same-number.properties"), "lefi.organisationsnummer = 2120000142\n");
        Files.writeString(dir.resolve("more.properties"), """
                lefi.organisationsnummer = 2120000145
                lane.online.per-second = 2
                lefi.mass.chunk-size = 10
                jms.embedded.producer-user = producer
                """);
        Files.writeString(dir.resolve("nameless.properties"), "lefi.url = https://fk.example\n");
        Files.writeString(dir.resolve("systems.properties"), """
                lefi.organisationsnummer = 2120000146
                jms.embedded.producers = cms, producer
                jms.embedded.producer.cms.reply-prefix = cms.
                """);
        assertThatThrownBy(() -> Organisations.read(defaults(), UnaryOperator.identity(), BudgetConfiguration.AGREED_LIMITS))
                .hasMessageContaining("inbox.properties: inbox is a folder of the default organisation's data")
                .hasMessageContaining("same-number.properties: lefi.organisationsnummer is default's too")
                .hasMessageContaining("more.properties: lane.online.per-second = 2 is a whole number from 1 to 1")
                .hasMessageContaining("more.properties: lefi.mass.chunk-size is not an organisation's own setting")
                .hasMessageContaining("more.properties: jms.embedded.producer-user producer is default's user too")
                .hasMessageContaining("nameless.properties: lefi.organisationsnummer is required, 10 digits")
                .hasMessageContaining("systems.properties: jms.embedded.producer.cms.reply-prefix cms. is not under "
                        + "the organisation's queues (systems.")
                .hasMessageContaining("systems.properties: jms.embedded.producers names producer, default's user too");
    }

    @Test
    void anOrganisationOnADatabaseOutsideTheDataFolderNeedsItsOwn() throws Exception {
        Files.writeString(dir.resolve("kommun-b.properties"), "lefi.organisationsnummer = 2120000143\n");
        Map<String, String> settings = Map.of("bundle.organisations.dir", dir.toString(),
                "lefi.organisationsnummer", "2120000142", "bundle.data.dir", "/shared/data",
                "bundle.db.url", "jdbc:postgresql://db/bundle");
        assertThatThrownBy(() -> Organisations.read(key -> settings.getOrDefault(key, ""), UnaryOperator.identity(), BudgetConfiguration.AGREED_LIMITS))
                .hasMessageContaining("kommun-b.properties: bundle.db.url is required");
    }

    @Test
    void theDefaultsQueuesAreNoneOfAnOrganisationsAndTheOtherWayRound() throws Exception {
        Files.writeString(dir.resolve("kommun-b.properties"), "lefi.organisationsnummer = 2120000143\n");
        Organisations organisations = Organisations.read(defaults(), UnaryOperator.identity(), BudgetConfiguration.AGREED_LIMITS);
        assertThat(organisations.ownsQueue(Organisations.DEFAULT).test("kommun-b.replies")).isFalse();
        assertThat(organisations.ownsQueue(Organisations.DEFAULT).test("my.replies")).isTrue();
        assertThat(organisations.ownsQueue("kommun-b").test("my.replies")).isFalse();
        assertThat(organisations.ownsQueue("kommun-b").test("kommun-b.replies")).isTrue();
    }
}
