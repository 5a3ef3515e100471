package se.lefileka.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.support.BundleTestSupport;
import se.lefileka.support.Folders;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/** With tracing on, spans cover the flows and carry no personnummer, in any written form. */
class TracingIT extends BundleTestSupport {

    @Test
    void spansOfAnOnlineQueryAndASubscriptionCheckCarryNoPersonnummer() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        bundle = RunningBundle.startWith(data, sandbox, Map.of("bundle.tracing.enabled", "true"),
                Map.of("testSpans", spans));
        String person = Persons.known(21);
        Folders.drop(bundle.dir("inbox/subscriptions"), "check " + person + ".json", """
                {"requestId": "traced-check", "action": "CHECK", "personnummer": "%s"}""".formatted(person));
        Folders.drop(bundle.dir("inbox/online"), "q.json", """
                {"requestId": "traced-query", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(person));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("outbox/online/traced-query.json"))
                && Files.exists(data.resolve("outbox/subscriptions/traced-check.json")));

        // the LEKA check (GET) and the online query (POST) both traced
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .map(span -> span.getAttributes().get(AttributeKey.stringKey("http.method"))).toList()
                .containsAll(java.util.List.of("GET", "POST")));
        String everything = spans.getFinishedSpanItems().stream()
                .map(span -> span.getName() + " " + span.getAttributes()).toList().toString();
        assertThat(everything).doesNotContain(person).doesNotContain(person.substring(2))
                .contains("check [personnummer].json");
    }

    @Test
    void aPersonnummerInASpanIsMaskedBeforeTheSpanLeaves() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Tracer tracer = Tracing.tracer(spans, Duration.ofMillis(10));
        tracer.spanBuilder("GET /v2/prenumerationer/199001012384")
                .setAttribute("url.full", "https://leka.example/v2/prenumerationer/19900101-2384")
                .setAttribute("file.name", "Anna 900101-2384.json")
                .setAttribute("http.status_code", 404L)
                .startSpan().end();

        await().atMost(Duration.ofSeconds(5)).until(() -> !spans.getFinishedSpanItems().isEmpty());
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("GET /v2/prenumerationer/[personnummer]");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.full")))
                .isEqualTo("https://leka.example/v2/prenumerationer/[personnummer]");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("file.name"))).isEqualTo("Anna [personnummer].json");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.status_code"))).isEqualTo(404L);
    }
}
