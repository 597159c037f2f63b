package dev.pgapi.runtime.http;

import dev.pgapi.runtime.query.Sql;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.sql.SQLException;

/**
 * The client span of a request's database round trip (the whole transaction: settings, pre-request, main statement),
 * a child of the request's server span. A database error marks it with the SQLSTATE; the message is left out, as it
 * may quote values of the request.
 */
final class DatabaseSpan {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> RESPONSE_STATUS = AttributeKey.stringKey("db.response.status_code");

    /** What {@link RequestTracer} leaves in a traced request's context. */
    record Parent(Tracer tracer, Context context, boolean withStatement) {}

    private final Span span;

    private DatabaseSpan(Span span) {
        this.span = span;
    }

    /** Starts the span of {@code req}'s round trip, or answers null when the request is not traced. */
    static DatabaseSpan start(ServerRequest req, Sql main) {
        Parent parent = req.context().get(Parent.class).orElse(null);
        if (parent == null) {
            return null;
        }
        var builder = parent.tracer()
                .spanBuilder("postgresql")
                .setParent(parent.context())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(SYSTEM, "postgresql");
        if (parent.withStatement()) {
            builder.setAttribute(QUERY, main.text()); // identifiers only: values are bind parameters
        }
        return new DatabaseSpan(builder.startSpan());
    }

    void failed(SQLException e) {
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        span.setAttribute(RESPONSE_STATUS, state);
        span.setAttribute(RequestTracer.ERROR_TYPE, state);
        span.setStatus(StatusCode.ERROR);
    }

    void end() {
        span.end();
    }
}
