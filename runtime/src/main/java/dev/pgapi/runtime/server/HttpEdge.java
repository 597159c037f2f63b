package dev.pgapi.runtime.server;

import dev.pgapi.runtime.config.HttpLimits;
import dev.pgapi.runtime.config.RuntimeConfig;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How the web server speaks HTTP/1: Helidon's HTTP/1 connection with pgapi's limits ({@link HttpLimits}), URLs
 * taken as people type them (Helidon's strict character checks off, as PostgREST's server has none), JSON errors for
 * what Helidon refuses before routing ({@link EdgeErrors}), HTTP/1.0 served, {@code Connection: close} honoured and
 * a bound on the time to send headers ({@link EdgeConnection}). Close it after the server.
 */
public final class HttpEdge implements AutoCloseable {

    private static final long MAX_SWEEP_MILLIS = 1000;
    private static final long MIN_SWEEP_MILLIS = 50;

    private final RuntimeConfig config;
    private final Set<EdgeConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper;

    private HttpEdge(RuntimeConfig config, ScheduledExecutorService sweeper) {
        this.config = config;
        this.sweeper = sweeper;
    }

    /** Starts the header-timeout sweep, when {@code server-header-timeout} is not 0. */
    public static HttpEdge create(RuntimeConfig config) {
        int timeout = config.httpLimits().headerTimeoutSeconds();
        if (timeout == 0) {
            return new HttpEdge(config, null);
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pgapi-header-timeout");
            thread.setDaemon(true);
            return thread;
        });
        var edge = new HttpEdge(config, sweeper);
        long bound = TimeUnit.SECONDS.toNanos(timeout);
        long period = Math.clamp(TimeUnit.SECONDS.toMillis(timeout) / 4, MIN_SWEEP_MILLIS, MAX_SWEEP_MILLIS);
        sweeper.scheduleAtFixedRate(() -> edge.closeLateHeaders(bound), period, period, TimeUnit.MILLISECONDS);
        return edge;
    }

    /** Installs the HTTP/1 protocol and the error answers on the server's default listener. */
    // Helidon 4.5 deprecates the Host check switch for removal without offering another way to turn the check off
    @SuppressWarnings("removal")
    public void configure(WebServerConfig.Builder server) {
        HttpLimits limits = config.httpLimits();
        Http1Config http1 = Http1Config.builder()
                .maxPrologueLength(limits.maxRequestLineSize())
                .maxHeadersSize(limits.maxHeaderSize())
                .validatePath(false)
                .validatePrologue(false)
                // HTTP/1.0 requests may lack Host, and PostgREST's server does not require it either
                .validateRequestHostHeader(false)
                .addReceiveListener(EdgeListeners.RECEIVE)
                .addSendListener(EdgeListeners.SEND)
                .build();
        var selector = new Selector(
                Http1ConnectionSelector.builder().config(http1).build(), limits.maxRequestLineSize(), open);
        // the only protocol, so Helidon hands every connection to it without reading ahead
        server.protocolsDiscoverServices(false).protocols(List.of()).connectionSelectors(List.of(selector));
        var errors = new EdgeErrors(
                config.clientErrorVerbosity() == RuntimeConfig.ErrorVerbosity.MINIMAL, limits.maxRequestLineSize());
        var handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, errors);
        }
        server.directHandlers(handlers.build());
    }

    private void closeLateHeaders(long boundNanos) {
        long now = System.nanoTime();
        for (EdgeConnection connection : open) {
            connection.closeIfHeadersLate(now, boundNanos);
        }
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** Helidon's HTTP/1 selector, also taking HTTP/1.0 connections, each wrapped in an {@link EdgeConnection}. */
    private record Selector(Http1ConnectionSelector http1, int maxRequestLine, Set<EdgeConnection> open)
            implements ServerConnectionSelector {

        private static final String HTTP_10 = " HTTP/1.0\r";

        @Override
        public int bytesToIdentifyConnection() {
            return http1.bytesToIdentifyConnection();
        }

        @Override
        public Support supports(BufferData request) {
            Support support = http1.supports(request);
            request.rewind();
            int lf = request.indexOf((byte) '\n');
            if (support == Support.UNSUPPORTED
                    && lf > 0
                    && request.readString(lf, StandardCharsets.US_ASCII).endsWith(HTTP_10)) {
                return Support.SUPPORTED;
            }
            return support;
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return http1.supportedApplicationProtocols();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            return new EdgeConnection(ctx, http1, maxRequestLine, open);
        }
    }
}
