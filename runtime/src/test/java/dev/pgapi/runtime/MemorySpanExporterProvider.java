package dev.pgapi.runtime;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code otel.traces.exporter=memory}: the spans of the service last started, kept in memory for the tests. A
 * fresh exporter per service, as stopping a service stops its exporter.
 */
public final class MemorySpanExporterProvider implements ConfigurableSpanExporterProvider {

    private static volatile InMemorySpanExporter latest;

    static InMemorySpanExporter latest() {
        return latest;
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        latest = InMemorySpanExporter.create();
        return latest;
    }

    @Override
    public String getName() {
        return "memory";
    }
}
