package se.lefileka.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNamesTest {

    @TempDir
    Path data;

    @Test
    void namesFromOutsideThatClimbOrHoldSeparatorsOrControlCharactersAreRefused() {
        for (String name : new String[] {"../x", "a/b", "a\\b", "..", ".hidden", "a\u0000b", "a\nb", "x".repeat(201), ""}) {
            assertThatThrownBy(() -> FileNames.checked(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FileNames.checked("q-1.2_x")).isEqualTo("q-1.2_x");
    }

    @Test
    void aLongNameIsShortenedByWholeCharactersToFitTheFileSystem() {
        String fitted = FileNames.fit("å".repeat(200), "-20261201120000000.json");
        assertThat(fitted).endsWith("-20261201120000000.json");
        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(fitted.replace("-20261201120000000.json", "")).matches("å+");
    }

    @Test
    void anAnswerNameAlreadyTakenGetsADistinctOneBeginningWithTheRequestId() throws Exception {
        FileNames names = new FileNames(data);
        Files.createDirectories(data.resolve("outbox/online"));
        Files.writeString(data.resolve("outbox/online/same.json"), "first");
        assertThat(names.answer(answerTo("online", "same"))).isEqualTo("online/same-2.json");
        assertThat(names.answer(answerTo("online", "same"))).as("given, not yet written").isEqualTo("online/same-3.json");
        assertThat(names.answer(answerTo("online", "other"))).isEqualTo("online/other.json");
        assertThatThrownBy(() -> names.answer(answerTo("../../etc", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> names.answer(answerTo("online", "../x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNotificationIdThatIsNoSafeNameIsDeliveredUnderADigestOfIt() {
        FileNames names = new FileNames(data);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("LekaNotificationId", "../../${date:now}");
        assertThat(names.notification(exchange)).matches("notification-[0-9a-f]{32}\\.json");
        exchange.getMessage().setHeader("LekaNotificationId", "n-42");
        assertThat(names.notification(exchange)).isEqualTo("n-42.json");
    }

    private static Exchange answerTo(String kind, String requestId) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("LefiKind", kind);
        exchange.getMessage().setHeader("LefiRequestId", requestId);
        return exchange;
    }
}
