package dev.pgapi.runtime.server;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import java.time.Duration;
import java.util.Set;

/**
 * One client connection, served by Helidon's HTTP/1 connection, plus what that connection does not do itself:
 * bound the time a client takes to send a request's headers, and close the connection after a response that says
 * {@code Connection: close} (Helidon 4.5 announces it but keeps reading requests).
 *
 * <p>The header clock starts with the first bytes of a request and stops when its headers are read; idle keep-alive
 * connections (no bytes since the last response) and requests being processed or sending their body are not timed.
 */
final class EdgeConnection implements ServerConnection, InterruptableTask<Void> {

    private enum Phase {
        IDLE,
        HEADERS,
        REQUEST
    }

    private final ServerConnection http1;
    private final Set<EdgeConnection> open;
    private volatile Phase phase = Phase.IDLE;
    private volatile long headersSince;

    EdgeConnection(
            ConnectionContext accepted, Http1ConnectionSelector http1, int maxRequestLine, Set<EdgeConnection> open) {
        var reader = DataReader.create(new RequestStream(accepted.serverSocket(), this::received, maxRequestLine));
        this.http1 = http1.connection(new EdgeContext(accepted, reader, this));
        this.open = open;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        open.add(this);
        try {
            http1.handle(limit);
        } finally {
            open.remove(this);
        }
    }

    /** Bytes arrived: after a response, they start the next request's header clock. */
    void received() {
        if (phase == Phase.IDLE) {
            headersSince = System.nanoTime();
            phase = Phase.HEADERS;
        }
    }

    /** @param close the request says {@code Connection: close} (or is HTTP/1.0): serve no further request */
    void headersRead(boolean close) {
        phase = Phase.REQUEST;
        if (close) {
            closeAfterResponse();
        }
    }

    /** @param close the response says {@code Connection: close}: serve no further request */
    void responseStarted(boolean close) {
        // only for routed requests: Helidon closes after its own answers to unreadable requests
        if (close && phase == Phase.REQUEST) {
            closeAfterResponse();
        }
        phase = Phase.IDLE;
    }

    /** Helidon's graceful close: the current request is answered, then the connection closes. */
    private void closeAfterResponse() {
        // not interrupting: the connection is in a request, not waiting for the next one
        http1.close(false);
    }

    /** Closes the connection when it has been receiving one request's headers for longer than {@code bound}. */
    void closeIfHeadersLate(long now, long boundNanos) {
        if (phase == Phase.HEADERS && now - headersSince > boundNanos) {
            // interrupting the reading thread closes its socket; nothing is answered, the client is still sending
            http1.close(true);
        }
    }

    @Override
    public Duration idleTime() {
        return http1.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        http1.close(interrupt);
    }

    @Override
    public boolean canInterrupt() {
        return http1 instanceof InterruptableTask<?> task && task.canInterrupt();
    }
}
