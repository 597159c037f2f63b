package dev.pgapi.runtime.http;

import dev.pgapi.runtime.config.QualifiedName;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.db.RequestExecutor;
import dev.pgapi.runtime.db.RequestSettings;
import dev.pgapi.runtime.db.RoleSettings;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.PgErrors;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.ReadQueryParser;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.schema.FunctionInfo;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every database-backed request shares: its settings, the one round trip, the mapping of errors, and writing
 * the response with the status and headers SQL may have set.
 */
final class RequestRunner {

    /** The work of one request; may throw {@link ApiError} or {@link SQLException}. */
    @FunctionalInterface
    interface Work {
        void run(RequestScope scope) throws SQLException;
    }

    private static final HeaderName SERVER_TIMING = HeaderNames.create("Server-Timing");
    /** Ours: {@code Pgapi-Read: primary} keeps a read on the primary, e.g. to read one's own writes. */
    static final HeaderName READ_FROM = HeaderNames.create("Pgapi-Read");

    private final RuntimeConfig config;
    private final Databases databases;
    /**
     * What runs the rendered statements on a database: the database itself, or what records them (see
     * {@link RequestExecutor}); made once per database.
     */
    private final Function<Database, RequestExecutor> executors;

    private final Map<Database, RequestExecutor> executorsByDatabase = new ConcurrentHashMap<>();
    private final Profiles profiles;
    private final Responses responses;
    private final Sql preRequest;
    private final String extraSearchPath;
    private final boolean logQuery;
    private final boolean timingEnabled;
    private final boolean tracing;
    private final BodyBudget bodyBudget = BodyBudget.ofHeap();

    RequestRunner(
            RuntimeConfig config,
            Databases databases,
            Function<Database, RequestExecutor> executors,
            Profiles profiles,
            Responses responses) {
        this.config = config;
        this.databases = databases;
        this.executors = executors;
        this.profiles = profiles;
        this.responses = responses;
        this.preRequest = config.dbPreRequest() == null
                ? null
                : new Sql()
                        .append("SELECT ")
                        .append(qualified(config.dbPreRequest()))
                        .append("()");
        this.extraSearchPath =
                config.dbExtraSearchPath().stream().map(Sql::quoteIdent).collect(Collectors.joining(", "));
        this.logQuery = config.operations().logQuery();
        this.timingEnabled = config.operations().serverTimingEnabled();
        this.tracing = config.operations().tracing().enabled();
    }

    RuntimeConfig config() {
        return config;
    }

    Databases databases() {
        return databases;
    }

    /** {@code SELECT "schema"."fn"()} for {@code db-pre-request}, or null. */
    Sql preRequest() {
        return preRequest;
    }

    Responses responses() {
        return responses;
    }

    /**
     * Runs {@code work}. What it raises leaves as an {@link ApiError} (a database error mapped by its SQLSTATE here,
     * where the request's identity is known), for the error handler {@link ApiEndpoints#fallbacks} installs to
     * answer in PostgREST's shape.
     */
    void handle(ServerRequest req, Work work) {
        RequestScope scope = scope(req);
        try {
            work.run(scope);
        } catch (SQLException e) {
            // mapped rather than left to Helidon, which takes an exception caused by a SocketException for the client's
            throw PgErrors.fromSql(e, scope.auth().authenticated());
        } finally {
            bodyBudget.release(req);
        }
    }

    /** An error answer, with {@code Server-Timing} when enabled. */
    void error(ServerResponse res, RequestScope scope, ApiError error) {
        serverTiming(res, scope);
        responses.error(res, error);
    }

    /** The request's body, within {@code server-max-body-size} and the server's {@link BodyBudget}. */
    RequestBody body(ServerRequest req) {
        return RequestBody.read(req, config.serverMaxBodySize(), bodyBudget);
    }

    /** One round trip with a trailing {@code EXPLAIN} statement (planned counts), ending as {@code end} says. */
    QueryResult executeWithExplain(
            ServerRequest req,
            RequestScope scope,
            String schema,
            boolean readOnly,
            Sql main,
            Sql explain,
            Database.End end)
            throws SQLException {
        return execute(req, scope, schema, Map.of(), readOnly, main, explain, end, null);
    }

    /**
     * One request whose transaction ends as {@code end} says, after {@code check} (or null) accepted the result;
     * see {@link Database#execute(RequestSettings, Sql, Sql, Sql, Database.End, Database.Check)}.
     */
    QueryResult execute(
            ServerRequest req,
            RequestScope scope,
            String schema,
            boolean readOnly,
            Sql main,
            Database.End end,
            Database.Check check)
            throws SQLException {
        return execute(req, scope, schema, Map.of(), readOnly, main, null, end, check);
    }

    /**
     * A call of {@code function}: as {@link #execute(ServerRequest, RequestScope, String, boolean, Sql,
     * Database.End, Database.Check)}, with the function's settings named in {@code db-hoisted-tx-settings} applied
     * to the whole transaction, as PostgREST does (a {@code SET statement_timeout} on the function alone would not
     * limit the statement already running).
     */
    QueryResult call(
            ServerRequest req,
            RequestScope scope,
            FunctionInfo function,
            boolean readOnly,
            Sql main,
            Database.End end,
            Database.Check check)
            throws SQLException {
        var hoisted = new LinkedHashMap<String, String>();
        function.settings().forEach((name, value) -> {
            if (config.dbHoistedTxSettings().contains(name)) {
                hoisted.put(name, value);
            }
        });
        return execute(req, scope, function.schema(), hoisted, readOnly, main, null, end, check);
    }

    /**
     * The one round trip of every generated request: settings (with {@code hoisted}, a function's settings for the
     * whole transaction), pre-request, {@code main}, the optional {@code explain}; on the database {@link #routed}
     * picks.
     */
    private QueryResult execute(
            ServerRequest req,
            RequestScope scope,
            String schema,
            Map<String, String> hoisted,
            boolean readOnly,
            Sql main,
            Sql explain,
            Database.End end,
            Database.Check check)
            throws SQLException {
        return routed(req, scope, readOnly, main, db -> {
            RequestExecutor executor = executor(db);
            return executor.execute(
                    settings(req, scope, schema, readOnly, hoisted, executor), preRequest, main, explain, end, check);
        });
    }

    /** A call of {@link Database}: one request's transaction. */
    @FunctionalInterface
    private interface Transaction {
        QueryResult run() throws SQLException;
    }

    /** One request's transaction on the given database. */
    @FunctionalInterface
    interface Attempt {
        QueryResult run(Database database) throws SQLException;
    }

    /**
     * Runs {@code attempt} where {@link Databases#route} sends it: a READ ONLY transaction may go to a read replica
     * unless the request insists on the primary; a read whose replica failed runs once more on the primary.
     */
    private QueryResult routed(ServerRequest req, RequestScope scope, boolean readOnly, Sql main, Attempt attempt)
            throws SQLException {
        Databases.Route route = databases.route(readOnly, readOnly && databases.hasReplicas() && mayUseReplica(req));
        return roundTrip(req, scope, main, () -> {
            try {
                return attempt.run(route.database());
            } catch (SQLException e) {
                if (route.retryOnPrimary(e)) {
                    return attempt.run(databases.primary());
                }
                throw e;
            }
        });
    }

    /** Whether a read may run on a replica: not when it asks for the primary ({@code Pgapi-Read: primary}). */
    static boolean mayUseReplica(ServerRequest req) {
        return req.headers()
                .first(READ_FROM)
                .map(v -> !v.strip().equalsIgnoreCase("primary"))
                .orElse(true);
    }

    /** Hand-written work's transaction, which may throw whatever the work throws. */
    @FunctionalInterface
    interface UserWork<T> {
        T run() throws Exception;
    }

    /** Runs a hand-written handler's {@code transaction} inside the {@code transaction} stage of the timing. */
    <T> T timed(RequestScope scope, UserWork<T> transaction) throws Exception {
        if (scope.timing() != null) {
            scope.timing().transactionStarts();
        }
        try {
            return transaction.run();
        } finally {
            transactionEnds(scope);
        }
    }

    /** Runs {@code transaction} with the timing, {@code log-query} and tracing around it. */
    private QueryResult roundTrip(ServerRequest req, RequestScope scope, Sql main, Transaction transaction)
            throws SQLException {
        transactionStarts(req, scope, main);
        DatabaseSpan span = tracing ? DatabaseSpan.start(req, main) : null;
        try {
            return transaction.run();
        } catch (SQLException e) {
            if (span != null) {
                span.failed(e);
            }
            throw e;
        } finally {
            if (span != null) {
                span.end();
            }
            transactionEnds(scope);
        }
    }

    /** Before the round trip: {@code log-query} keeps the main statement for the access log, the timing starts. */
    private void transactionStarts(ServerRequest req, RequestScope scope, Sql main) {
        if (logQuery) {
            req.context().register(new MainQuery(main.text()));
        }
        if (scope.timing() != null) {
            scope.timing().transactionStarts();
        }
    }

    private static void transactionEnds(RequestScope scope) {
        if (scope.timing() != null) {
            scope.timing().transactionEnds();
        }
    }

    /** {@code Server-Timing}, when enabled; call before the headers are sent. */
    private static void serverTiming(ServerResponse res, RequestScope scope) {
        if (scope.timing() != null) {
            res.header(SERVER_TIMING, scope.timing().header());
        }
    }

    /**
     * How the transaction ends: {@code db-tx-end}, overridden by {@code Prefer: tx=} only when the configuration
     * allows it (PostgREST ignores the preference otherwise).
     */
    Database.End transactionEnd(Preferences prefs) {
        if (txOverridable() && prefs.tx() != null) {
            return switch (prefs.tx()) {
                case ROLLBACK -> Database.End.ROLLBACK;
                case COMMIT -> Database.End.COMMIT;
            };
        }
        return config.dbTxEnd().rollback() ? Database.End.ROLLBACK : Database.End.COMMIT;
    }

    /** Whether {@code Prefer: tx=} is honoured: {@code db-tx-end} allows the override. */
    boolean txOverridable() {
        return config.dbTxEnd().allowOverride();
    }

    private RequestExecutor executor(Database database) {
        return executorsByDatabase.computeIfAbsent(database, executors);
    }

    /**
     * The request's settings for a transaction on {@code database} (whose role settings apply: a replica's are the
     * primary's, replicated, but read from the replica so that reads need only the replica).
     */
    RequestSettings settings(
            ServerRequest req,
            RequestScope scope,
            String schema,
            boolean readOnly,
            Map<String, String> hoisted,
            RequestExecutor database)
            throws SQLException {
        RoleSettings.Entry role = database.roleSettings(scope.auth().role());
        // the function's isolation level wins over the role's; it is set, not set_config'd
        var functionSettings = new LinkedHashMap<>(hoisted);
        String functionIsolation = functionSettings.remove("default_transaction_isolation");
        String isolation = functionIsolation == null ? null : RoleSettings.isolationLevel(functionIsolation);
        String searchPath =
                extraSearchPath.isEmpty() ? Sql.quoteIdent(schema) : Sql.quoteIdent(schema) + ", " + extraSearchPath;
        return new RequestSettings(
                searchPath,
                role.settings(),
                isolation != null ? isolation : role.isolationLevel(),
                scope.auth().role(),
                scope.auth().claimsJson(),
                config.dbClaimGucs() ? scope.auth().claimTexts() : Collections.emptySortedMap(),
                req.prologue().method().text(),
                req.path().absolute().rawPath(), // services are mounted under their path
                RequestJson.headers(req.headers()),
                RequestJson.cookies(req.headers()),
                config.appSettings(),
                readOnly,
                Preferences.of(req).timezone(),
                functionSettings);
    }

    /** The read parameters of a request, parsed with the configured aggregates and target-name rules. */
    ReadQuery parseRead(List<QueryString.Param> params) {
        return ReadQueryParser.parse(params, config.dbAggregatesEnabled(), config.urlUseLegacyTargetNames());
    }

    /**
     * A generated endpoint's response from its round trip's {@code result}: the body PostgreSQL rendered, as
     * {@code contentType}; none when {@code contentType} is null (a write without representation, a void call) or for
     * HEAD. See {@link #respond}.
     */
    void send(
            ServerRequest req,
            ServerResponse res,
            QueryResult result,
            int defaultStatus,
            String contentType,
            Collection<Map.Entry<String, String>> headers,
            boolean head) {
        respond(
                req,
                res,
                ResponseGucs.of(result),
                defaultStatus,
                contentType,
                headers,
                head || contentType == null ? null : bodyOf(result));
    }

    private static byte[] bodyOf(QueryResult result) {
        if (result.binaryBody() != null) {
            return result.binaryBody();
        }
        return result.body() == null ? null : result.body().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The one successful response, of generated endpoints and hand-written ones alike: {@code Server-Timing}, status
     * (or SQL's {@code response.status}), content type, {@code headers} in order, {@code Content-Profile},
     * {@code Vary} (as PostgREST 16 sends it on every successful response), then SQL's headers, which replace ours of
     * the same name; {@code body}, or none when null.
     */
    void respond(
            ServerRequest req,
            ServerResponse res,
            ResponseGucs gucs,
            int defaultStatus,
            String contentType,
            Collection<Map.Entry<String, String>> headers,
            byte[] body) {
        if (timingEnabled) {
            serverTiming(res, scope(req));
        }
        res.status(Responses.status(gucs.status() == null ? defaultStatus : gucs.status(), null));
        if (contentType != null) {
            res.header(HeaderNames.CONTENT_TYPE, contentType);
        }
        for (Map.Entry<String, String> h : headers) {
            res.header(h.getKey(), h.getValue());
        }
        if (contentType != null && profiles.announce(req.headers())) {
            res.header("Content-Profile", scope(req).schema());
        }
        res.header("Vary", ReadHandler.VARY);
        applyHeaders(res, gucs);
        if (body != null) {
            res.send(body);
        } else {
            res.send();
        }
    }

    static void applyHeaders(ServerResponse res, ResponseGucs gucs) {
        // headers set by SQL replace ours of the same name; repeated names are all sent
        var seen = new HashSet<String>();
        for (Map.Entry<String, String> h : gucs.headers()) {
            var name = HeaderNames.create(h.getKey());
            if (seen.add(name.lowerCase())) {
                res.headers().remove(name);
            }
            res.headers().add(name, h.getValue());
        }
    }

    static RequestScope scope(ServerRequest req) {
        return req.context()
                .get(RequestScope.class)
                .orElseThrow(() -> new IllegalStateException("the pgapi filter is not installed"));
    }

    private static String qualified(QualifiedName name) {
        return name.schema() == null
                ? Sql.quoteIdent(name.name())
                : Sql.quoteIdent(name.schema()) + "." + Sql.quoteIdent(name.name());
    }
}
