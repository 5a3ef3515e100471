package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.UnreadableInputException;
import se.lefileka.query.InvalidQueryException;

class MassRowFormatTest {

    private static final InputLimits LIMITS = new InputLimits(1 << 20, 20, 100);
    private final ObjectMapper json = LIMITS.reader(new ObjectMapper());

    @Test
    void aJsonlRowThatIsANestingBombOrHoldsAHugeStringOrABadByteIsRefusedAsARow() throws Exception {
        MassRowFormat format = MassRowFormat.of("a.jsonl", "{}", json, LIMITS);
        assertThatThrownBy(() -> format.query("[".repeat(5000) + "]".repeat(5000)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("nested more than 20 levels deep");
        assertThatThrownBy(() -> format.query("{\"personnummer\": \"" + "1".repeat(500) + "\"}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("string longer than 100");
        assertThatThrownBy(() -> format.query("{\"personnummer\": \"1990\uFFFD\"}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> format.query("{} {}"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("more after the JSON value");
        assertThat(format.query("\uFEFF{\"from\": \"2026-01-01\"}").path("from").asText()).isEqualTo("2026-01-01");
    }

    @Test
    void csvWithSemicolonsAndAByteOrderMarkReadsItsColumnsByName() throws Exception {
        MassRowFormat format = MassRowFormat.of("a.csv", "\uFEFFPurpose; personnummer;benefits;from;to", json, LIMITS);
        JsonNode query = format.query("SAMORDNING;199001012385;SJUKPENNING | BOSTADSBIDRAG;2026-01-01;2026-06-30");
        assertThat(query.path("personnummer").asText()).isEqualTo("199001012385");
        assertThat(query.path("benefits")).hasSize(2);
        assertThat(query.path("benefits").get(1).asText()).isEqualTo("BOSTADSBIDRAG");
        assertThat(query.path("purpose").asText()).isEqualTo("SAMORDNING");
        assertThat(query.path("to").asText()).isEqualTo("2026-06-30");
    }

    @Test
    void csvWithCommasAndQuotedValues() throws Exception {
        MassRowFormat format = MassRowFormat.of("a.csv", "personnummer,benefits,from,to", json, LIMITS);
        JsonNode query = format.query("\"19900101-2385\",SJUKPENNING,2026-01-01,2026-06-30");
        assertThat(query.path("personnummer").asText()).isEqualTo("19900101-2385");
        assertThat(query.has("purpose")).isFalse();
    }

    @Test
    void emptyValuesAreLeftOutSoTheValidatorSaysWhichFieldIsMissing() throws Exception {
        JsonNode query = MassRowFormat.of("a.csv", "personnummer,benefits,from,to", json, LIMITS).query(",SJUKPENNING,,2026-06-30");
        assertThat(query.has("personnummer")).isFalse();
        assertThat(query.has("from")).isFalse();
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefusedAsARow() throws Exception {
        MassRowFormat format = MassRowFormat.of("a.csv", "personnummer,benefits,from,to", json, LIMITS);
        assertThatThrownBy(() -> format.query("199001012385,SJUKPENNING,2026-01-01"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.field()).isEqualTo("row");
                    assertThat(e.reason()).isEqualTo("has 3 values where the header names 4 columns");
                });
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsMakesTheInputUnreadable() {
        assertThatThrownBy(() -> MassRowFormat.of("a.csv", "pnr;benefits;from", json, LIMITS))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("the CSV header row lacks the column(s) personnummer, to");
    }

    @Test
    void jsonlRowsAreQueryObjectsAndAMessageIsRecognisedByItsFirstLine() throws Exception {
        MassRowFormat format = MassRowFormat.of(null, "{\"personnummer\": \"199001012385\"}", json, LIMITS);
        assertThat(format.hasHeader()).isFalse();
        assertThat(format.query("{\"personnummer\": \"199001012385\"}").path("personnummer").asText())
                .isEqualTo("199001012385");
        assertThatThrownBy(() -> format.query("[1, 2]")).hasMessage("row is not a JSON object");
        assertThatThrownBy(() -> format.query("{\"personnummer\": ")).hasMessageStartingWith("row is not valid JSON");
        assertThat(MassRowFormat.of(null, "personnummer;benefits;from;to", json, LIMITS).hasHeader()).isTrue();
    }
}
