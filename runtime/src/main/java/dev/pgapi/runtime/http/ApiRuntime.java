package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.NotFoundException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * What generated services call: it owns the pool and the token verifier and turns a request on a generated
 * descriptor into one database round trip (two for a write whose commit waits for a check) and a PostgREST-shaped
 * response.
 */
public final class ApiRuntime implements AutoCloseable {

    private final RuntimeConfig config;
    private final Databases databases;
    private final JwtAuthenticator authenticator;
    private final Profiles profiles;
    private final Responses responses;
    private final ReadHandler reads;
    private final CallHandler calls;
    private volatile RelationLookup relations = RelationLookup.of(List.of());
    private final WriteHandler writes;
    private final RequestTransactions transactions;

    private ApiRuntime(RuntimeConfig config, Databases databases, JwtAuthenticator authenticator) {
        this.config = config;
        this.databases = databases;
        this.authenticator = authenticator;
        this.profiles = new Profiles(config.dbSchemas());
        this.responses = new Responses(config.clientErrorVerbosity() == RuntimeConfig.ErrorVerbosity.MINIMAL);
        var runner = new RequestRunner(config, databases, profiles, responses);
        this.reads = new ReadHandler(runner, this::relations);
        this.calls = new CallHandler(runner);
        this.writes = new WriteHandler(runner, this::relations);
        this.transactions = new RequestTransactions(runner);
    }

    /** Opens the pools (the primary's, and one per read replica) and prepares the token verifier. */
    public static ApiRuntime create(RuntimeConfig config) {
        // first: fetching an identity provider's keys may fail startup, before a pool exists to be closed
        var authenticator = JwtAuthenticator.create(config);
        return new ApiRuntime(config, Databases.open(config), authenticator);
    }

    public RuntimeConfig config() {
        return config;
    }

    /** The primary ({@code db-uri}). */
    public Database database() {
        return databases.primary();
    }

    /** The primary and the read replicas, with where requests went (for the admin server's metrics). */
    public Databases databases() {
        return databases;
    }

    /** The token verifier, whose cache the admin server's metrics report. */
    public JwtAuthenticator authenticator() {
        return authenticator;
    }

    /** The filter that authenticates every request and picks its schema; install it before the services. */
    public Filter filter() {
        return new ApiFilter(authenticator, profiles, responses, config.serverCorsAllowedOrigins(),
                config.operations().serverTimingEnabled());
    }

    /**
     * Runs hand-written code in exactly the transaction a generated endpoint would open for this request: the token
     * verified by the API filter, the role switched, the request's settings and {@code app.settings.*} set, the
     * role's settings applied, the pre-request function called, GET and HEAD read-only, {@code db-tx-end} and
     * {@code Prefer: tx} honoured. The {@link Reply} {@code work} returns is sent after the transaction ended, with
     * {@code response.status}/{@code response.headers} applied. A database error (JDBC's or jOOQ's) rolls back and
     * is answered as PostgREST answers it, an {@link ApiError} is answered as is, anything else answers 500. The
     * handler must be mounted in the routing that has the API's filter (a route added after the generated ones).
     *
     * <pre>{@code
     * routing.get("/reports/my-books", (req, res) -> api.transaction(req, res, ctx ->
     *         Reply.json(200, ctx.dsl().select(...).from(BOOKS).fetch().formatJSON())));
     * }</pre>
     */
    public void transaction(ServerRequest req, ServerResponse res, RequestWork work) {
        transactions.run(req, res, work, false);
    }

    /**
     * As {@link #transaction}, but a GET or HEAD may run on a read replica ({@code db-read-uris}), like a generated
     * read: for handlers that only read and can accept a replica's lag. {@link #transaction} always runs on the
     * primary, since hand-written code may write whatever the method. A replica that fails here answers 503 (the work
     * is not repeated on the primary, unlike a generated read) and is taken out of rotation.
     */
    public void readTransaction(ServerRequest req, ServerResponse res, RequestWork work) {
        transactions.run(req, res, work, true);
    }

    /** The generated relations, by schema and name (embedding targets); filled by {@link #fallbacks}. */
    public RelationLookup relations() {
        return relations;
    }

    /**
     * Answers what no route matched, PostgREST's way: unknown functions (PGRST202), unknown tables (PGRST205),
     * deeper paths (PGRST125). It handles Helidon's "not found" rather than adding catch-all routes, so that routes
     * the user registers anywhere in the same routing keep working. Also records {@code relations} as the targets
     * embedding may reach, and serves the API description at {@code /}.
     */
    public void fallbacks(HttpRouting.Builder routing, List<RelationInfo> relations,
                          List<List<FunctionInfo>> functions) {
        this.relations = RelationLookup.of(relations);
        var notFound = new NotFound(relations, functions);
        var root = new RootHandler(config, responses, relations, functions);
        routing.get("/", root::handle);
        routing.head("/", root::handle);
        routing.error(NotFoundException.class, (req, res, e) -> {
            var scope = req.context().get(RequestScope.class);
            if (scope.isEmpty()) {
                // the API filter did not run (a path outside it): still PostgREST's JSON, never an empty body
                responses.error(res, NotFound.invalidPath());
                return;
            }
            notFound.answer(req, res, scope.get().schema(), responses);
        });
    }

    /** Whether a service for {@code schema} should answer; otherwise it passes the request on with {@code next()}. */
    public boolean serves(ServerRequest req, String schema) {
        return RequestRunner.scope(req).schema().equals(schema);
    }

    /** The route handlers of a generated relation service. */
    public RelationHandlers handlers(RelationInfo relation) {
        return new RelationHandlers(this, relation);
    }

    /** The route handlers of a generated function service. */
    public FunctionHandlers handlers(List<FunctionInfo> overloads) {
        return new FunctionHandlers(this, overloads);
    }

    /*
     * The entry points below each answer only for their own schema: a request for another schema (a relation of the
     * same name in another exposed schema, chosen with Accept-Profile/Content-Profile) is passed on with next().
     */

    /** {@code GET}/{@code HEAD /<relation>}. */
    public void read(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            reads.read(relation, req, res);
        }
    }

    /** {@code POST /<relation>}. */
    public void insert(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            writes.insert(relation, req, res);
        }
    }

    /** {@code PUT /<relation>?pk=eq.x}. */
    public void upsert(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            writes.put(relation, req, res);
        }
    }

    /** {@code PATCH /<relation>}. */
    public void update(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            writes.update(relation, req, res);
        }
    }

    /** {@code DELETE /<relation>}. */
    public void delete(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            writes.delete(relation, req, res);
        }
    }

    /** {@code OPTIONS /<relation>}: the methods its structure allows, answered without the database. */
    public void options(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (!ours(relation, req, res)) {
            return;
        }
        var allow = new StringBuilder("OPTIONS,GET,HEAD");
        if (relation.insertable()) {
            allow.append(",POST");
        }
        if (relation.insertable() && relation.updatable() && !relation.primaryKey().isEmpty()) {
            allow.append(",PUT");
        }
        if (relation.updatable()) {
            allow.append(",PATCH");
        }
        if (relation.deletable()) {
            allow.append(",DELETE");
        }
        answerOptions(res, allow.toString());
    }

    /** Other methods on a relation: PGRST117. */
    public void unsupported(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            String method = req.prologue().method().text();
            responses.error(res, ApiError.of(405, "PGRST117", "Unsupported HTTP method: " + method, null, null));
        }
    }

    /** {@code GET}/{@code HEAD}/{@code POST /rpc/<fn>} over the overloads of one function name. */
    public void call(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        if (ours(overloads, req, res)) {
            calls.call(overloads, req, res);
        }
    }

    /** {@code OPTIONS /rpc/<fn>}: GET only for functions that do not write. */
    public void options(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        if (ours(overloads, req, res)) {
            boolean volatileOnly = overloads.stream()
                    .allMatch(f -> f.volatility() == FunctionInfo.Volatility.VOLATILE);
            answerOptions(res, volatileOnly ? "OPTIONS,POST" : "OPTIONS,GET,HEAD,POST");
        }
    }

    /** Methods other than GET, HEAD and POST on {@code /rpc/<fn>}: PGRST101. */
    public void unsupported(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        if (ours(overloads, req, res)) {
            String method = req.prologue().method().text();
            responses.error(res, ApiError.of(405, "PGRST101", "Cannot use the " + method + " method on RPC", null,
                    null));
        }
    }

    private boolean ours(RelationInfo relation, ServerRequest req, ServerResponse res) {
        return ours(relation.schema(), req, res);
    }

    private boolean ours(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        return ours(overloads.getFirst().schema(), req, res);
    }

    private boolean ours(String schema, ServerRequest req, ServerResponse res) {
        if (serves(req, schema)) {
            return true;
        }
        res.next();
        return false;
    }

    private static void answerOptions(ServerResponse res, String allow) {
        res.header("Allow", allow);
        res.header("Access-Control-Allow-Origin", "*");
        res.header("Vary", ReadHandler.VARY);
        res.status(io.helidon.http.Status.OK_200);
        res.send();
    }

    @Override
    public void close() {
        databases.close();
    }
}
