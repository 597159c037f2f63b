package dev.pgapi.runtime.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.UncheckedIOException;

/**
 * With {@code otel-enabled}: one server span per API request, named {@code GET /books} after the relation or
 * function it addressed, continuing the caller's trace ({@code traceparent}), with OpenTelemetry's HTTP attributes
 * and the database role the request ran as. Its database round trip gets a child span (see {@link DatabaseSpan}).
 *
 * <p>Written as a filter rather than with Helidon's tracing feature, which names spans by Helidon's route patterns
 * and cannot know the role, known only once the API filter has run.
 */
public final class RequestTracer implements Filter {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** The database role (not a claim): who the request ran as, like the access log's user field. */
    static final AttributeKey<String> ROLE = AttributeKey.stringKey("pgapi.role");

    /** Propagators read the headers they know by name (listing every header is deprecated in OpenTelemetry). */
    private static final TextMapGetter<Headers> HEADERS = (headers, key) ->
            headers == null ? null : headers.first(HeaderNames.create(key)).orElse(null);

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean dbStatement;

    /**
     * @param dbStatement {@code otel-db-statement}: the database spans carry the main SQL
     */
    public RequestTracer(Tracer tracer, TextMapPropagator propagator, boolean dbStatement) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.dbStatement = dbStatement;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Context parent = propagator.extract(Context.root(), req.headers(), HEADERS);
        String method = req.prologue().method().text();
        Span span = tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(PATH, req.path().absolute().rawPath())
                .setAttribute(SCHEME, req.isSecure() ? "https" : "http")
                .setAttribute(PROTOCOL_VERSION, req.prologue().protocolVersion())
                .startSpan();
        Context context = parent.with(span);
        req.context().register(new DatabaseSpan.Parent(tracer, context, dbStatement));
        int failed = 0;
        String errorType = null;
        Scope scope = context.makeCurrent(); // for the service's own routes, and agents instrumenting JDBC
        try {
            chain.proceed();
        } catch (ServerConnectionException | UncheckedIOException e) {
            failed = -1; // the client went away: no status to report
            throw e;
        } catch (HttpException e) {
            failed = e.status().code(); // answered by Helidon's error handling
            throw e;
        } catch (RuntimeException | Error e) {
            failed = 500;
            errorType = e.getClass().getName(); // not its message, which may quote the request
            throw e;
        } finally {
            scope.close();
            if (failed >= 0) {
                finish(span, req, failed == 0 ? res.status().code() : failed, errorType);
            }
            span.end();
        }
    }

    private static void finish(Span span, RoutingRequest req, int status, String errorType) {
        span.setAttribute(STATUS, status);
        // a path the API does not serve is no route: unbounded names would swamp the tracing backend
        if (status != 404) {
            String route = req.path().absolute().path();
            span.setAttribute(ROUTE, route);
            span.updateName(req.prologue().method().text() + " " + route);
        }
        req.context()
                .get(RequestScope.class)
                .ifPresent(s -> span.setAttribute(ROLE, s.auth().role()));
        if (status >= 500) {
            span.setAttribute(ERROR_TYPE, errorType == null ? Integer.toString(status) : errorType);
            span.setStatus(StatusCode.ERROR);
        }
    }
}
