package dev.pgapi.runtime.http;

import dev.pgapi.runtime.ops.Metrics;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Runs around every API request, before the API filter: counts it in the metrics by endpoint kind and status (with
 * the admin server), and writes PostgREST's access line for the statuses {@code log-level} shows, followed with
 * {@code log-query} by the main statement of a request answered with 400 and above.
 *
 * <p>Written here rather than with Helidon's access log feature, whose user field is a security principal: the
 * line names the database role the request ran as, known only once the API filter has run. The lines go straight to
 * standard output, as PostgREST's do, rather than through java.util.logging, whose log manager resets itself when
 * the JVM begins to shut down: the lines of requests finishing during a graceful shutdown would be lost.
 */
public final class RequestObserver implements Filter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);
    private static final HeaderName REFERER = HeaderNames.create("Referer");

    private final Metrics metrics;
    private final int logFromStatus;
    private final boolean logQuery;

    /**
     * @param metrics        where requests are counted, or null
     * @param logFromStatus  the lowest status whose access line is written (600: none)
     * @param logQuery       {@code log-query}
     */
    public RequestObserver(Metrics metrics, int logFromStatus, boolean logQuery) {
        this.metrics = metrics;
        this.logFromStatus = logFromStatus;
        this.logQuery = logQuery;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = metrics == null ? 0 : System.nanoTime();
        int failed = 0;
        try {
            chain.proceed();
        } catch (ServerConnectionException | UncheckedIOException e) {
            // the client went away (Helidon notes it at FINER): no response, nothing to count or log
            failed = -1;
            throw e;
        } catch (HttpException e) {
            failed = e.status().code(); // answered by Helidon's error handling
            throw e;
        } catch (RuntimeException | Error e) {
            failed = 500;
            throw e;
        } finally {
            if (failed >= 0) {
                int status = failed == 0 ? res.status().code() : failed;
                if (metrics != null) {
                    metrics.request(
                            kind(req.prologue().method(), req.path().absolute().rawPath()),
                            status,
                            System.nanoTime() - start);
                }
                if (status >= logFromStatus) {
                    log(req, res, status);
                }
            }
        }
    }

    static Metrics.Kind kind(Method method, String path) {
        if (path.equals("/")) {
            return Metrics.Kind.ROOT;
        }
        if (path.startsWith("/rpc/")) {
            return Metrics.Kind.CALL;
        }
        if (method == Method.GET || method == Method.HEAD) {
            return Metrics.Kind.READ;
        }
        if (method == Method.POST || method == Method.PATCH || method == Method.PUT || method == Method.DELETE) {
            return Metrics.Kind.WRITE;
        }
        return method == Method.OPTIONS ? Metrics.Kind.OPTIONS : Metrics.Kind.OTHER;
    }

    /** {@code 127.0.0.1 - role [26/Jul/2021:01:56:38 -0500] "GET /clients HTTP/1.1" 200 56 "referer" "agent"}. */
    private void log(RoutingRequest req, RoutingResponse res, int status) {
        HttpPrologue prologue = req.prologue();
        String role =
                req.context().get(RequestScope.class).map(s -> s.auth().role()).orElse("-");
        String query = req.query().rawValue();
        var line = new StringBuilder(160)
                .append(host(req.remotePeer().address()))
                .append(" - ")
                .append(role)
                .append(" [")
                .append(TIME.format(ZonedDateTime.now()))
                .append("] \"")
                .append(prologue.method().text())
                .append(' ')
                .append(req.path().absolute().rawPath())
                .append(query.isEmpty() ? "" : "?")
                .append(query)
                .append(' ')
                .append(prologue.protocol())
                .append('/')
                .append(prologue.protocolVersion())
                .append("\" ")
                .append(status)
                .append(' ')
                .append(bodySize(res))
                .append(" \"")
                .append(req.headers().first(REFERER).orElse(""))
                .append("\" \"")
                .append(req.headers().first(HeaderNames.USER_AGENT).orElse(""))
                .append('"');
        if (logQuery && status >= 400) {
            req.context()
                    .get(MainQuery.class)
                    .ifPresent(q -> line.append(System.lineSeparator()).append(q.sql()));
        }
        System.out.println(line); // one call: the lines of concurrent requests do not interleave
    }

    /** The body's length as sent ({@code Content-Length}), or {@code -} when it was streamed. */
    private static String bodySize(RoutingResponse res) {
        var length = res.headers().contentLength();
        return length.isPresent() ? Long.toString(length.getAsLong()) : "-";
    }

    private static String host(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(address);
    }
}
