package se.lefileka.operations;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import se.lefileka.personnummer.PersonnummerMask;

/**
 * Tracing, when it is turned on ({@code bundle.tracing.enabled}): Camel's OpenTelemetry
 * tracer takes the {@link Tracer} made here, whose spans go to an OTLP collector with every span
 * name and attribute masked first. LEKA's paths hold a personnummer, and so would any attribute
 * that carries a URL; none leaves the bundle in clear.
 */
public final class Tracing {

    private Tracing() {
    }

    /** A tracer whose spans go, masked, to the exporter. */
    public static Tracer tracer(SpanExporter exporter, Duration exportDelay) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new PersonalDataFree(exporter))
                        .setScheduleDelay(exportDelay).build())
                .build();
        return provider.get("lefi-leka-bundle");
    }

    /** The OTLP (HTTP) exporter to the collector at the endpoint, e.g. {@code http://127.0.0.1:4318/v1/traces}. */
    public static SpanExporter otlp(String endpoint) {
        return OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
    }

    /** Passes spans on with their names and attribute values masked. */
    static final class PersonalDataFree implements SpanExporter {

        private final SpanExporter next;

        PersonalDataFree(SpanExporter next) {
            this.next = next;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return next.export(spans.stream().map(PersonalDataFree::masked).toList());
        }

        private static SpanData masked(SpanData span) {
            AttributesBuilder attributes = Attributes.builder();
            span.getAttributes().forEach((key, value) -> put(attributes, key, value));
            Attributes masked = attributes.build();
            String name = PersonnummerMask.mask(span.getName());
            return new DelegatingSpanData(span) {
                @Override
                public String getName() {
                    return name;
                }

                @Override
                public Attributes getAttributes() {
                    return masked;
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static void put(AttributesBuilder attributes, AttributeKey<?> key, Object value) {
            if (value instanceof String text) {
                attributes.put((AttributeKey<String>) key, PersonnummerMask.mask(text));
            } else if (value instanceof Number || value instanceof Boolean) {
                attributes.put((AttributeKey<Object>) key, value);
            } else {
                // lists and other kinds: as masked text
                attributes.put(AttributeKey.stringKey(key.getKey()), PersonnummerMask.mask(String.valueOf(value)));
            }
        }

        @Override
        public CompletableResultCode flush() {
            return next.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return next.shutdown();
        }
    }
}
