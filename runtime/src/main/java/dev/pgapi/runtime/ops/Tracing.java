package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.TracingConfig;
import dev.pgapi.runtime.http.RequestTracer;
import io.helidon.common.Weighted;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry tracing ({@code otel-enabled}): a server span per API request and a client span for its database
 * round trip, sent with OTLP over HTTP. Off, no SDK is started and no span is made.
 *
 * <p>The SDK's own autoconfiguration builds it, so the standard {@code OTEL_*} variables (sampler, propagators,
 * resource attributes, exporter headers, ...) work as documented by OpenTelemetry; pgapi's keys are its defaults.
 * Only traces are exported: the service's metrics are the admin server's.
 */
final class Tracing implements AutoCloseable {

    private static final String SCOPE = "dev.pgapi.runtime";

    /** Null when tracing is off. */
    private final OpenTelemetrySdk sdk;

    private final TracingConfig config;

    private Tracing(OpenTelemetrySdk sdk, TracingConfig config) {
        this.sdk = sdk;
        this.config = config;
    }

    static Tracing create(TracingConfig config) {
        if (!config.enabled()) {
            return new Tracing(null, config);
        }
        Map<String, String> defaults = Map.of(
                "otel.service.name", config.serviceName(),
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", config.endpoint(),
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none");
        try {
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> defaults)
                    .disableShutdownHook() // closed after the server, so the last requests' spans are sent
                    .build()
                    .getOpenTelemetrySdk();
            return new Tracing(sdk, config);
        } catch (ConfigurationException e) {
            throw new ConfigException("otel: " + e.getMessage());
        }
    }

    boolean enabled() {
        return sdk != null;
    }

    /**
     * Installs the request spans as a feature that weighs more than the metrics and access log, so that the span
     * covers everything the service does for the request, including requests the API filter rejects.
     */
    void observe(HttpRouting.Builder routing) {
        if (sdk != null) {
            var tracer = new RequestTracer(
                    sdk.getTracer(SCOPE, Operations.version()),
                    sdk.getPropagators().getTextMapPropagator(),
                    config.dbStatement());
            routing.addFeature(new TracingFeature(tracer));
        }
    }

    private record TracingFeature(RequestTracer tracer) implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.addFilter(tracer);
        }

        @Override
        public double weight() {
            return 1100;
        }
    }

    /** Sends the spans not sent yet (within a few seconds) and stops the SDK. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
