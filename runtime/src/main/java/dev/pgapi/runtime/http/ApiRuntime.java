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
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The composition root of a running API: it reads the configuration, opens the pools, prepares the token verifier and
 * builds from them the {@link Generation} requests use, which a configuration reload replaces. Generated routes reach
 * the request handlers through {@link #endpoints}; hand-written routes run their work in a request's transaction with
 * {@link #transaction} and {@link #readTransaction}.
 */
public final class ApiRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApiRuntime.class.getName());

    private final ConfigSource source;
    private final Databases databases;
    /** Runs the rendered statements: the database, or what records them (see {@link RequestExecutor}). */
    private final Function<Database, RequestExecutor> executors;

    private volatile Generation current;

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
            runtime.current = Generation.of(config, authenticator, databases, executor, pending);
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
        current = Generation.of(next, authenticator, databases, executors, false);
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
    Generation generation(ServerRequest req) {
        return req.context().get(Generation.class).orElse(current);
    }

    /**
     * Runs hand-written code in exactly the transaction a generated endpoint would open for this request: the token
     * verified by the API filter, the role switched, the request's settings and {@code app.settings.*} set, the
     * role's settings applied, the pre-request function called, GET and HEAD read-only, {@code db-tx-end} and
     * {@code Prefer: tx} honoured. The {@link Reply} {@code work} returns is sent after the transaction ended, with
     * {@code response.status}/{@code response.headers} applied. A database error (JDBC's or jOOQ's) rolls back and
     * is answered as PostgREST answers it, an {@link ApiError} is answered as is, anything else answers 500. The
     * handler must be mounted in the routing that has the generated API, whose filter prepares the request and whose
     * error handler ({@link ApiEndpoints#fallbacks}) answers these errors (a route added after the generated ones).
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

    /**
     * The request entry points of a generated API, built once from the relations and functions its routing hands
     * over (embedding reaches only these relations). The generated {@code ApiRouting} calls it while it mounts its
     * routes.
     */
    public ApiEndpoints endpoints(List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        return new ApiEndpoints(this, relations, functions);
    }

    @Override
    public void close() {
        databases.close();
    }
}
