package se.lefileka.mass;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mass input's rows in groups bounded by rows and by characters; a CSV row spanning lines stays one row. */
class RowGroupsTest {

    @Test
    void aGroupEndsAtItsRowsOrItsCharactersWhicheverComesFirst() {
        String input = "a\nbb\n" + "x".repeat(100) + "\ncc\nd\ne\n";
        assertThat(groups(input, 3, 1_000, false)).containsExactly("a\nbb\n" + "x".repeat(100), "cc\nd\ne");
        assertThat(groups(input, 10, 50, false)).as("a long row closes its group; a group has at least one row")
                .containsExactly("a\nbb\n" + "x".repeat(100), "cc\nd\ne");
        assertThat(groups(input, 10, 1, false)).hasSize(6);
    }

    @Test
    void aQuotedCsvFieldWithALineBreakKeepsItsRowWholeAndTheRowsAfterItTheirNumbers() {
        String csv = "19900101-2384;SJUKPENNING;2026-01-01;2026-06-30\n"
                + "19900101-2384;\"SJUK\nPENNING\";2026-01-01;2026-06-30\n"
                + "19900101-2384;\"a \"\"quoted\"\" word\";2026-01-01;2026-06-30\n"
                + "19900101-2384;BARNBIDRAG;2026-01-01;2026-06-30\n";
        List<String> rows = List.of(String.join("", groups(csv, 500, 1_000_000, true)).split("\n"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).isEqualTo("19900101-2384;\"SJUK" + RowGroups.LINE_BREAK + "PENNING\";2026-01-01;2026-06-30");
        assertThat(rows.get(3)).endsWith("BARNBIDRAG;2026-01-01;2026-06-30");

        assertThat(List.of(String.join("", groups("{\"a\": \"\\\"\"}\n{\"b\": 1}\n", 500, 1_000_000, false))
                .split("\n"))).as("JSONL: a quote in a string is no CSV quote").hasSize(2);
    }

    @Test
    void aQuoteNeverClosedHoldsNoMoreThanARowMayBe() {
        String csv = "1;\"open\n" + "2;x\n".repeat(1000);
        List<String> rows = new ArrayList<>();
        for (String group : groups(csv, 500, 1_000_000, true)) {
            rows.addAll(List.of(group.split("\n")));
        }
        assertThat(rows.get(0)).hasSizeLessThan(120).endsWith(String.valueOf(BoundedLines.CUT));
        assertThat(rows.get(rows.size() - 1)).isEqualTo("2;x");
    }

    private static List<String> groups(String input, int maxRows, long maxChars, boolean csv) {
        List<String> groups = new ArrayList<>();
        new RowGroups(new BufferedReader(new StringReader(input)), maxRows, maxChars, csv, 100)
                .forEachRemaining(groups::add);
        return groups;
    }
}
