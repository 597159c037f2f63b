package dev.pgapi.runtime.config;

/**
 * Ours: the OpenTelemetry tracing keys. The standard {@code OTEL_*} environment variables (and {@code otel.*} system
 * properties) the OpenTelemetry SDK reads win over these.
 *
 * @param enabled      {@code otel-enabled}: off by default; off, no SDK is started
 * @param endpoint     {@code otel-exporter-otlp-endpoint}: the collector's OTLP/HTTP base address
 * @param serviceName  {@code otel-service-name}
 * @param dbStatement  {@code otel-db-statement}: put each request's main SQL into its database span
 */
public record TracingConfig(boolean enabled, String endpoint, String serviceName, boolean dbStatement) {

    public static final String DEFAULT_ENDPOINT = "http://localhost:4318";
    public static final String DEFAULT_SERVICE_NAME = "pgapi";
}
