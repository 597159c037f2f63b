package dev.pgapi.runtime.http;

import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.query.Sql;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code Accept: application/vnd.pgrst.plan[+json|+text]; for="..."; options=a|b} (with {@code db-plan-enabled}):
 * PostgreSQL's {@code EXPLAIN} of the request's main statement, in the same transaction, role, claims and settings,
 * so privileges and row-level security shape the plan as they would the result.
 *
 * @param json     {@code +json}; else text, PostgREST's default
 * @param target   the media type whose statement is explained, as PostgREST names it in the response
 * @param options  the {@code EXPLAIN} options asked for, in PostgREST's order, each once
 */
record ExecutionPlan(boolean json, String target, List<String> options) {

    /** The options PostgREST passes on, in the order it writes them; others are ignored. */
    static final List<String> OPTIONS = List.of("analyze", "verbose", "settings", "buffers", "wal");

    ExecutionPlan {
        options = List.copyOf(options);
    }

    /** From the media type's subtype suffix, its {@code for} target and its {@code options} parameter (or null). */
    static ExecutionPlan of(boolean json, String target, String options) {
        List<String> asked = options == null ? List.of() : Arrays.asList(options.split("\\|"));
        return new ExecutionPlan(
                json, target, OPTIONS.stream().filter(asked::contains).toList());
    }

    /** The media type as PostgREST writes it, e.g. {@code application/vnd.pgrst.plan+json; for="text/csv"}. */
    String mediaType() {
        return "application/vnd.pgrst.plan+" + (json ? "json" : "text") + "; for=\"" + target + "\""
                + (options.isEmpty() ? "" : "; options=" + String.join("|", options));
    }

    String contentType() {
        return mediaType() + "; charset=utf-8";
    }

    /** {@code EXPLAIN (FORMAT ..., OPTION, ...) main}: the options are fixed keywords, never request text. */
    Sql explain(Sql main) {
        var sql = Sql.sized(main.length() + 64, main.parameterCount())
                .append("EXPLAIN (FORMAT ")
                .append(json ? "JSON" : "TEXT");
        for (String option : options) {
            sql.append(", ").append(option.toUpperCase(Locale.ROOT));
        }
        return sql.append(") ").append(main);
    }

    /**
     * The plan (the body of {@code explain}'s result) as the response: 200 with the plan's media type, whatever the
     * statement would have answered; PostgREST applies none of the result's checks or headers to a plan.
     */
    void send(RequestRunner runner, ServerRequest req, ServerResponse res, QueryResult plan, boolean head) {
        runner.send(req, res, plan, 200, contentType(), List.of(), head);
    }
}
