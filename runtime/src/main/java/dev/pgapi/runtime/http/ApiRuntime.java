package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.auth.KeysUnavailableException;
import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.ConfigSource;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.db.InDatabaseConfig;
import dev.pgapi.runtime.db.RequestExecutor;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.NotFoundException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What generated services call: it owns the pool and the token verifier and turns a request on a generated
 * descriptor into one database round trip (two for a write whose commit waits for a check) and a PostgREST-shaped
 * response.
 */
public final class ApiRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApiRuntime.class.getName());

    private final ConfigSource source;
    private final Databases databases;
    /** Runs the rendered statements: the database, or what records them (see {@link RequestExecutor}). */
    private final Function<Database, RequestExecutor> executors;

    private volatile Generation current;
    private volatile RelationLookup relations = RelationLookup.of(List.of());

    private ApiRuntime(ConfigSource source, Databases databases, Function<Database, RequestExecutor> executors) {
        this.source = source;
        this.databases = databases;
        this.executors = executors;
    }

    /** Opens the pool and prepares the token verifier for a configuration built in code (no reload sources). */
    public static ApiRuntime create(RuntimeConfig config) {
        return create(ConfigSource.fixed(config));
    }

    /**
     * A runtime whose requests hand their rendered statements to the executor {@code executor} makes of the pool,
     * (the primary's, or a read replica's) instead of to the pool itself: the seam the SQL golden test records at (it renders each request through the
     * real path and keeps the statements without running them). {@link #create(RuntimeConfig)} passes the pool.
     */
    public static ApiRuntime create(RuntimeConfig config, Function<Database, RequestExecutor> executor) {
        return create(ConfigSource.fixed(config), executor);
    }

    /**
     * Reads the configuration, opens the pools (the primary's, and one per read replica), reads the in-database configuration ({@code db-config}) and prepares
     * the token verifier. When the database cannot be reached yet, requests answer 503 until {@link #reloadConfig}
     * succeeds (the reloader retries).
     *
     * @throws dev.pgapi.runtime.config.ConfigException when the configuration is invalid or an identity provider's
     *                                                  keys cannot be fetched
     */
    public static ApiRuntime create(ConfigSource source) {
        return create(source, database -> database);
    }

    private static ApiRuntime create(ConfigSource source, Function<Database, RequestExecutor> executor) {
        RuntimeConfig config = source.load(Map.of());
        var databases = Databases.open(config);
        boolean pending = false;
        try {
            if (readsDatabase(source, config)) {
                try {
                    config = config.reloadedWith(source.load(inDatabaseSettings(databases.primary(), config)));
                } catch (SQLException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "cannot read the in-database configuration yet (" + e.getMessage()
                                    + "); requests answer 503 until it is read");
                    pending = true;
                }
            }
            // fetching an identity provider's keys may fail startup
            var authenticator = startedAuthenticator(JwtAuthenticator.create(config.jwt()));
            var runtime = new ApiRuntime(source, databases, executor);
            runtime.current = Generation.of(config, authenticator, databases, executor, runtime::relations, pending);
            return runtime;
        } catch (RuntimeException e) {
            databases.close();
            throw e;
        }
    }

    /** Fetches an identity provider's keys; failing that is a configuration error. */
    private static JwtAuthenticator startedAuthenticator(JwtAuthenticator authenticator) {
        try {
            return authenticator.start();
        } catch (KeysUnavailableException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static boolean readsDatabase(ConfigSource source, RuntimeConfig config) {
        return source.layered() && config.reload().dbConfig();
    }

    private static Map<String, String> inDatabaseSettings(Database database, RuntimeConfig config) throws SQLException {
        try (Connection c = database.openConnectionBypassingRls()) {
            return InDatabaseConfig.read(c, config.reload().dbPreConfig());
        }
    }

    /**
     * Reads the configuration again (file, environment and, with {@code db-config}, the database), PostgREST's
     * {@code reload config}: requests that start afterwards use it, those under way finish with the old one, and the
     * token cache starts empty. Keys only a restart applies (the pool, the listeners) are logged and kept. A
     * configuration that fails to load leaves the running one in place.
     *
     * @return whether the new configuration is in use
     */
    public synchronized boolean reloadConfig() {
        Generation running = current;
        RuntimeConfig fresh;
        try {
            fresh = source.load(
                    readsDatabase(source, running.config())
                            ? inDatabaseSettings(databases.primary(), running.config())
                            : Map.of());
        } catch (SQLException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "config reload failed, reading the in-database configuration: " + e.getMessage()
                            + "; the previous configuration stays in use");
            return false;
        } catch (ConfigException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "config reload failed, the previous configuration stays in use: "
                            + e.getMessage().replace("\n", "; "));
            return false;
        }
        List<String> restart = running.config().restartNeededFor(fresh);
        if (!restart.isEmpty()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "config reload: changes to " + String.join(", ", restart) + " apply only after a restart");
        }
        RuntimeConfig next = running.config().reloadedWith(fresh);
        JwtAuthenticator authenticator;
        try {
            authenticator = startedAuthenticator(JwtAuthenticator.reloaded(next.jwt(), running.authenticator()));
        } catch (ConfigException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "config reload failed, the previous configuration stays in use: " + e.getMessage());
            return false;
        }
        current = Generation.of(next, authenticator, databases, executors, this::relations, false);
        LOG.log(System.Logger.Level.INFO, "config reloaded");
        return true;
    }

    /**
     * PostgREST's {@code reload schema}: the schema is compiled into the service, so only what is read from the
     * database at run time is read again, the role settings ({@code ALTER ROLE ... SET}).
     *
     * @return whether the role settings were read
     */
    public boolean reloadSchema() {
        try {
            databases.reloadRoleSettings();
            LOG.log(
                    System.Logger.Level.INFO,
                    "role settings reloaded; the schema itself is compiled into the"
                            + " service: regenerate and redeploy to change it");
            return true;
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.ERROR, "reloading the role settings failed: " + e.getMessage());
            return false;
        }
    }

    /** Whether requests can be served: false until the in-database configuration was read once. */
    public boolean configured() {
        return !current.pending();
    }

    /** The configuration requests use now. */
    public RuntimeConfig config() {
        return current.config();
    }

    /** The primary ({@code db-uri}). */
    public Database database() {
        return databases.primary();
    }

    /** The primary and the read replicas, with where requests went (for the admin server's metrics). */
    public Databases databases() {
        return databases;
    }

    /** The token verifier in use, whose cache the admin server's metrics report. */
    public JwtAuthenticator authenticator() {
        return current.authenticator();
    }

    /** The filter that authenticates every request and picks its schema; install it before the services. */
    public Filter filter() {
        return new ApiFilter(() -> current);
    }

    /** The generation the API filter chose for {@code req} (the current one outside the filter). */
    private Generation generation(ServerRequest req) {
        return req.context().get(Generation.class).orElse(current);
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
        generation(req).transactions().run(req, res, work, false);
    }

    /**
     * As {@link #transaction}, but a GET or HEAD may run on a read replica ({@code db-read-uris}), like a generated
     * read: for handlers that only read and can accept a replica's lag. {@link #transaction} always runs on the
     * primary, since hand-written code may write whatever the method. A replica that fails here answers 503 (the work
     * is not repeated on the primary, unlike a generated read) and is taken out of rotation.
     */
    public void readTransaction(ServerRequest req, ServerResponse res, RequestWork work) {
        generation(req).transactions().run(req, res, work, true);
    }

    /**
     * Answers with the rows of one jOOQ {@code SELECT}, exactly as a generated read of a relation answers: the same
     * transaction as {@link #transaction} (token, role, settings, pre-request, read-only for GET and HEAD), but sent
     * in the generated endpoints' single round trip, so a typed read costs what a generated one costs. The body is
     * rendered by PostgreSQL as {@code Accept} asks (a JSON array of the rows by default, CSV, or one object with
     * {@code application/vnd.pgrst.object+json}); errors are PostgREST's. {@code work} only builds the query (see
     * {@link SelectWork}); for anything else (several statements, writes whose result decides what follows, calls to
     * other services) use {@link #transaction}.
     *
     * <pre>{@code
     * routing.get("/lookup/books/{id}", (req, res) -> api.select(req, res, dsl -> dsl.selectFrom(BOOKS)
     *         .where(BOOKS.ID.eq(DSL.cast(DSL.val(req.path().pathParameters().get("id")), SQLDataType.INTEGER)))));
     * }</pre>
     */
    public void select(ServerRequest req, ServerResponse res, SelectWork work) {
        generation(req).transactions().select(req, res, work);
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
    public void fallbacks(
            HttpRouting.Builder routing, List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        this.relations = RelationLookup.of(relations);
        var notFound = new NotFound(relations, functions);
        var root = new RootHandler(relations, functions);
        routing.get("/", (req, res) -> root.handle(req, res, generation(req)));
        routing.head("/", (req, res) -> root.handle(req, res, generation(req)));
        routing.error(NotFoundException.class, (req, res, e) -> {
            var scope = req.context().get(RequestScope.class);
            Responses responses = generation(req).responses();
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
            generation(req).reads().read(relation, req, res);
        }
    }

    /** {@code POST /<relation>}. */
    public void insert(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            generation(req).writes().insert(relation, req, res);
        }
    }

    /** {@code PUT /<relation>?pk=eq.x}. */
    public void upsert(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            generation(req).writes().put(relation, req, res);
        }
    }

    /** {@code PATCH /<relation>}. */
    public void update(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            generation(req).writes().update(relation, req, res);
        }
    }

    /** {@code DELETE /<relation>}. */
    public void delete(RelationInfo relation, ServerRequest req, ServerResponse res) {
        if (ours(relation, req, res)) {
            generation(req).writes().delete(relation, req, res);
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
        if (relation.insertable()
                && relation.updatable()
                && !relation.primaryKey().isEmpty()) {
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
            generation(req).responses().error(res, ApiErrors.unsupportedMethod(method));
        }
    }

    /** {@code GET}/{@code HEAD}/{@code POST /rpc/<fn>} over the overloads of one function name. */
    public void call(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        if (ours(overloads, req, res)) {
            generation(req).calls().call(overloads, req, res);
        }
    }

    /** {@code OPTIONS /rpc/<fn>}: GET only for functions that do not write. */
    public void options(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        if (ours(overloads, req, res)) {
            boolean volatileOnly = overloads.stream().allMatch(f -> f.volatility() == FunctionInfo.Volatility.VOLATILE);
            answerOptions(res, volatileOnly ? "OPTIONS,POST" : "OPTIONS,GET,HEAD,POST");
        }
    }

    /** Methods other than GET, HEAD and POST on {@code /rpc/<fn>}: PGRST101. */
    public void unsupported(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        if (ours(overloads, req, res)) {
            String method = req.prologue().method().text();
            generation(req).responses().error(res, ApiErrors.rpcMethod(method));
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
