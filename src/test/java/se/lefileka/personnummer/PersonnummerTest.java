package se.lefileka.personnummer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonnummerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest
    @CsvSource({
            "19900101-2385, 199001012385",
            "199001012385, 199001012385",
            "900101-2385, 199001012385",
            "9001012385, 199001012385",
            // born 1918: 108 years old, written with '+'
            "180101+2384, 191801012384",
            // the short form picks the century that makes the person younger than 100 (2000, not 1900)
            "000101-2384, 200001012384",
            // samordningsnummer: day of birth + 60
            "19900161-2382, 199001612382",
            "900161-2382, 199001612382"})
    void acceptsEveryWrittenFormAndGivesTheWireForm(String written, String wire) {
        assertThat(Personnummer.parse(written, TODAY).digits()).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({
            "19900101-2384, check digit",
            "19900101 2385, known form",
            "19900100-2385, date of birth",
            "19900230-2389, date of birth",
            "19901301-2381, date of birth",
            "19900192-2385, date of birth",
            "19900101-0009, serial number 000",
            "20301010-1230, future",
            "1990-01-01-2385, known form",
            "abc, known form"})
    void rejectsWithTheReason(String written, String reason) {
        assertThatThrownBy(() -> Personnummer.parse(written, TODAY))
                .isInstanceOf(InvalidPersonnummerException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining(written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19900161-2382", "900161-2382"})
    void knowsASamordningsnummer(String written) {
        assertThat(Personnummer.parse(written, TODAY).isSamordningsnummer()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"19900101-2385"})
    void neverShowsTheNumberInText(String written) {
        assertThat(Personnummer.parse(written, TODAY).toString()).doesNotContain("2385").doesNotContain("900101");
    }
}
