package dev.pgapi.runtime.config;

/**
 * The keys for operating a service: the admin server, query logging, {@code Server-Timing}, shutdown and tracing.
 *
 * @param adminServerPort     {@code admin-server-port}; null when the admin server is off
 * @param adminServerHost     {@code admin-server-host}; defaults to {@code server-host}
 * @param logQuery            {@code log-query}: log the SQL of requests answered with 400 and above
 * @param serverTimingEnabled {@code server-timing-enabled}
 * @param shutdownWaitPeriod  {@code server-shutdown-wait-period}: seconds between SIGTERM (readiness turns 503) and
 *                            closing the listeners, while requests are still served
 * @param shutdownTimeout     ours, {@code server-shutdown-timeout}: seconds in-flight requests get to finish once the
 *                            listeners are closed
 * @param tracing             ours: the {@code otel-*} keys
 */
public record OperationsConfig(
        Integer adminServerPort,
        String adminServerHost,
        boolean logQuery,
        boolean serverTimingEnabled,
        int shutdownWaitPeriod,
        int shutdownTimeout,
        TracingConfig tracing) {

    /** The address the admin server binds, from PostgREST's host preferences like {@code server-host}. */
    public String adminBindAddress() {
        return RuntimeConfig.bindAddress(adminServerHost);
    }
}
