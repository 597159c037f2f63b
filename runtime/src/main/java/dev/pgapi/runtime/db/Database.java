package dev.pgapi.runtime.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.pgapi.runtime.query.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.postgresql.util.PGobject;

/**
 * The connection pool (logged in as the authenticator) and the request transaction.
 *
 * <p>A request is one round trip: the settings statement, the optional pre-request call and the main statement are
 * sent as one multi-statement prepared statement with autocommit on. PostgreSQL runs statements that arrive before
 * one Sync as a single implicit transaction, so the transaction-local role and claims apply to the main statement
 * and are gone afterwards, and an error in any statement rolls back all of them.
 *
 * <p>With {@code db-prepared-statements} (the default) every part becomes a named server-side statement on its
 * connection from its first use, so PostgreSQL parses each distinct statement once per connection. Values are
 * declared as PostgreSQL's {@code unknown} type, as PostgREST declares them: the server infers each one's type from
 * where it appears, and pgjdbc, seeing no unspecified type, neither describes the statements in advance nor splits
 * the batch with extra Syncs (which would end the implicit transaction, and with it the role switch, before the main
 * statement). Privileges and row-level security are still checked on every execution: PostgreSQL re-plans a cached
 * statement whose plan depended on the role.
 *
 * <p>Whether the database can be reached is tracked by {@link Reachability}: while it is down, requests fail at once
 * (503) instead of waiting for a connection, and a background probe reconnects (see {@link #reachable()}).
 */
public final class Database implements RequestExecutor, AutoCloseable {

    private static final java.util.regex.Pattern PLAN_ROWS =
            java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9]+)");

    /**
     * Distinct statements pgjdbc keeps prepared on one connection; beyond it the least recently used is closed on the
     * server. {@code LIMIT}/{@code OFFSET} are written into the text (see {@code Sql.rowCount}), so every page a client
     * asks for is a statement of its own: this bounds what a client paging through a large table leaves behind.
     */
    static final int STATEMENTS_PER_CONNECTION = 256;

    /** How long a request waits for a connection made on its behalf before checking the database's state again. */
    private static final long CONNECTION_WAIT_SLICE_MILLIS = 200;

    private static final int PROBE_TIMEOUT_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final HikariDataSource pool;
    private final Connector connector;
    private final Reachability reachability;
    private final RoleSettings roleSettings;
    private final long acquisitionMillis;
    private final int prepareThreshold;
    /**
     * Requests queue here, first come first served, for one of the pool's connections. Without it, a request that
     * arrives just as a connection is returned can take it ahead of requests already waiting in the pool, which
     * stretches the latency tail under load.
     */
    private final Turns queue;

    private final LongAdder poolTimeouts = new LongAdder();

    private Database(
            HikariDataSource pool,
            Connector connector,
            Reachability reachability,
            RoleSettings roleSettings,
            boolean preparedStatements) {
        this.pool = pool;
        this.connector = connector;
        this.reachability = reachability;
        this.roleSettings = roleSettings;
        this.acquisitionMillis = pool.getConnectionTimeout();
        this.prepareThreshold = preparedStatements ? 1 : 0;
        this.queue = new Turns(pool.getMaximumPoolSize(), pool.getConnectionTimeout());
    }

    /**
     * Opens the pool.
     *
     * @param jdbcUrl             {@code jdbc:postgresql://...}
     * @param user                the authenticator role, or null to take it from the URL
     * @param password            its password, or null
     * @param poolSize            {@code db-pool}
     * @param acquisitionTimeout  {@code db-pool-acquisition-timeout}
     * @param maxLifetime         {@code db-pool-max-lifetime}
     * @param idleTimeout         {@code db-pool-max-idletime}
     * @param preparedStatements  {@code db-prepared-statements}: false only behind a pooler in transaction mode
     */
    public static Database open(
            String jdbcUrl,
            String user,
            String password,
            int poolSize,
            Duration acquisitionTimeout,
            Duration maxLifetime,
            Duration idleTimeout,
            boolean preparedStatements) {
        return open(
                "pgapi",
                jdbcUrl,
                user,
                password,
                poolSize,
                acquisitionTimeout,
                maxLifetime,
                idleTimeout,
                preparedStatements);
    }

    /** Opens a pool named {@code poolName} (in Hikari's logs and threads): {@code pgapi} for the primary. */
    public static Database open(
            String poolName,
            String jdbcUrl,
            String user,
            String password,
            int poolSize,
            Duration acquisitionTimeout,
            Duration maxLifetime,
            Duration idleTimeout,
            boolean preparedStatements) {
        var props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        // strings in users' own queries (database()) are untyped too: PostgreSQL infers their type, as it does for the
        // request's values (bound as unknown, see bind)
        props.setProperty("stringtype", "unspecified");
        props.setProperty("ApplicationName", "pgapi");
        props.setProperty("preparedStatementCacheQueries", Integer.toString(STATEMENTS_PER_CONNECTION));
        if (!preparedStatements) {
            // a pooler in transaction mode hands the next statement to another server session
            props.setProperty("prepareThreshold", "0");
        }
        var reachability = new Reachability();
        var connector = new Connector(jdbcUrl, props, reachability);
        var config = new HikariConfig();
        config.setPoolName(poolName);
        config.setDataSource(connector);
        config.setMaximumPoolSize(poolSize);
        int minimumIdle = Math.min(poolSize, 2);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(Math.max(250, acquisitionTimeout.toMillis()));
        config.setMaxLifetime(Math.max(30_000, maxLifetime.toMillis()));
        if (minimumIdle < poolSize) {
            config.setIdleTimeout(Math.max(10_000, idleTimeout.toMillis()));
        }
        config.setAutoCommit(true);
        // never fail at startup: requests answer 503 while the database is unreachable (see Reachability)
        config.setInitializationFailTimeout(-1);
        var pool = new HikariDataSource(config);
        var roleSettings = new RoleSettings();
        reachability.start(
                () -> {
                    // bounded: a probe stuck on a database that accepted the connection but never answers would
                    // leave the service unready for good (no other probe starts while one runs)
                    try (Connection c = connector.open(PROBE_TIMEOUT_SECONDS)) {
                        roleSettings.loadIfNeeded(c);
                    }
                },
                () -> pool.getHikariPoolMXBean().softEvictConnections());
        return new Database(pool, connector, reachability, roleSettings, preparedStatements);
    }

    /**
     * A connection of its own, outside the pool, for a health check; {@code timeoutSeconds} bounds connecting and
     * every statement on it.
     */
    Connection openForCheck(int timeoutSeconds) throws SQLException {
        return connector.open(timeoutSeconds);
    }

    /**
     * The pool itself: its connections are logged in as the authenticator, with no role switched and no request
     * settings, so row-level security and the API roles' privileges do NOT apply to what runs on them. Right only for
     * work done on the service's own behalf (health checks, maintenance); code answering a request runs in its
     * transaction instead ({@code ApiRuntime.transaction}). A connection taken from here must be returned as it came.
     */
    public DataSource authenticatorDataSourceBypassingRls() {
        return pool;
    }

    /**
     * A new connection outside the pool, logged in as the authenticator like the pool's: row-level security and the
     * API roles' privileges do NOT apply to it. For the service's own long-lived work (listening for {@code NOTIFY}
     * reloads, reading the in-database configuration); the caller closes it.
     */
    public Connection openConnectionBypassingRls() throws SQLException {
        return connector.open();
    }

    /**
     * Whether the database can be used now: false before the first connection (and reading the role settings)
     * succeeded, and while it is unreachable; true again as soon as the background probe, which retries at least
     * once a second, connects. Requests made while it is false answer 503 {@code PGRST000} at once. Meant for
     * readiness checks; it costs a volatile read.
     */
    public boolean reachable() {
        return reachability.state() == Reachability.State.UP;
    }

    /**
     * The settings of {@code role} ({@link RoleSettings}); waits up to the acquisition timeout while the first
     * connection attempt is under way.
     *
     * @throws SQLException (SQLSTATE 08001) when the database is unreachable, so the settings may not be known
     */
    @Override
    public RoleSettings.Entry roleSettings(String role) throws SQLException {
        reachability.check(acquisitionMillis);
        return roleSettings.forRole(role);
    }

    /**
     * Reads the role settings again (PostgREST does on a schema reload), over one of the pool's connections.
     *
     * @throws SQLException when the database cannot be reached; the settings read before stay in use
     */
    public void reloadRoleSettings() throws SQLException {
        try (Connection c = pool.getConnection()) {
            roleSettings.load(c);
        }
    }

    /**
     * Runs one request that commits: settings, optional pre-request call, then the main statement, in one round
     * trip.
     *
     * @param settings    the request's settings
     * @param preRequest  {@code SELECT "schema"."fn"()} or null
     * @param main        the main statement, returning one {@link QueryResult} row (or an {@code EXPLAIN} of it,
     *                    whose plan becomes the body)
     */
    public QueryResult execute(RequestSettings settings, Sql preRequest, Sql main) throws SQLException {
        return execute(settings, preRequest, main, null, End.COMMIT, null);
    }

    /** How a request's transaction ends. */
    public enum End {
        COMMIT,
        ROLLBACK
    }

    /** Decides after the main statement whether the transaction may commit; throwing rolls it back. */
    @FunctionalInterface
    public interface Check {
        void verify(QueryResult result);
    }

    /**
     * Runs one request and ends its transaction as asked.
     *
     * <p>A request that commits without a check is one implicit transaction in one round trip: PostgreSQL runs the
     * statements that arrive before one Sync as a single transaction. A role with its own isolation level gets an
     * explicit {@code BEGIN ISOLATION LEVEL ...} and {@code COMMIT} in the same round trip (the level must be set
     * before the first query, and {@code SET TRANSACTION} outside a block only draws a warning). A request that rolls
     * back is an explicit transaction ending with {@code SET CONSTRAINTS ALL IMMEDIATE; ROLLBACK} (so deferred
     * constraint violations still surface), also sent in one round trip. With a {@code check} (e.g. PostgREST's
     * max-affected or singular-response rules), the transaction ends in a second round trip once the check has seen
     * the result: an exception from it rolls back and propagates. After an error in the first round trip an explicit
     * transaction is rolled back with one more round trip.
     *
     * @param explain  null, or an {@code EXPLAIN (FORMAT JSON)} statement run after the main one, whose top plan's
     *                 row estimate becomes {@link QueryResult#plannedTotal()}
     * @param end      how the transaction ends when the check passes
     * @param check    null, or what must hold before committing
     */
    @Override
    public QueryResult execute(RequestSettings settings, Sql preRequest, Sql main, Sql explain, End end, Check check)
            throws SQLException {
        String isolation = settings.isolationLevel();
        boolean explicit = isolation != null || end == End.ROLLBACK || check != null;
        Sql settingsSql = settings.toSql();
        var all = Sql.sized(
                80
                        + settingsSql.length()
                        + main.length()
                        + (preRequest == null ? 0 : preRequest.length())
                        + (explain == null ? 0 : explain.length()),
                settingsSql.parameterCount()
                        + main.parameterCount()
                        + (explain == null ? 0 : explain.parameterCount()));
        if (explicit) {
            // validated keywords (RoleSettings), never request text
            all.append(isolation == null ? "BEGIN; " : "BEGIN ISOLATION LEVEL " + isolation + "; ");
        }
        all.append(settingsSql).append("; ");
        if (preRequest != null) {
            all.append(preRequest).append("; ");
        }
        all.append(main);
        if (explain != null) {
            all.append("; ").append(explain);
        }
        boolean endInBatch = explicit && check == null;
        if (endInBatch) {
            all.append(end == End.COMMIT ? "; COMMIT" : "; SET CONSTRAINTS ALL IMMEDIATE; ROLLBACK");
        }
        reachability.check(acquisitionMillis);
        enqueue();
        try (Connection c = connection()) {
            QueryResult result;
            try (PreparedStatement ps = c.prepareStatement(all.text())) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(prepareThreshold);
                bind(ps, all.params());
                ps.execute();
                // skip BEGIN, the settings and the pre-request results: then comes the main statement's row
                int skip = (explicit ? 2 : 1) + (preRequest == null ? 0 : 1);
                for (int i = 0; i < skip; i++) {
                    ps.getMoreResults();
                }
                result = read(ps.getResultSet());
                if (explain != null && ps.getMoreResults()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        if (rs.next()) {
                            result = result.withPlannedTotal(planRows(rs.getString(1)));
                        }
                    }
                }
            } catch (SQLException e) {
                if (explicit) {
                    rollback(c, e);
                }
                throw settings.readOnly() ? e : standbyRefused(c, e);
            } catch (RuntimeException e) {
                if (explicit) {
                    rollback(c, e);
                }
                throw e;
            }
            if (explicit && !endInBatch) {
                finish(c, result, end, check);
            }
            return result;
        } finally {
            queue.release();
        }
    }

    /**
     * Runs hand-written code in a request's transaction: the settings and pre-request call, then {@code body}, then
     * the transaction ends as {@code end} says (an exception rolls it back); see {@link UserTransaction}.
     */
    public <T> UserTransaction.Outcome<T> transaction(
            RequestSettings settings, Sql preRequest, End end, UserTransaction.Body<T> body) throws Exception {
        reachability.check(acquisitionMillis);
        enqueue();
        try (Connection c = connection()) {
            try {
                return UserTransaction.run(
                        c, settings, preRequest, end, prepareThreshold, body, () -> pool.evictConnection(c));
            } catch (Exception e) {
                if (!settings.readOnly() && readOnlyRefusal(e) instanceof SQLException refused) {
                    SQLException answer = standbyRefused(c, refused);
                    throw answer == refused ? e : answer;
                }
                throw e;
            }
        } finally {
            queue.release();
        }
    }

    /**
     * A write refused as {@code read_only_sql_transaction} (25006) by a server in recovery: after a failover the
     * pool's connections may lead to the old primary, now a standby. They are all replaced (new connections go to the
     * host that accepts writes when {@code db-uri} lists several) and the request is answered 503 PGRST001, so that
     * the client retries; never a 405 for a write that would have succeeded on the primary. A 25006 from a primary
     * (a function that writes in a transaction it made read-only itself) is returned as it came.
     */
    private SQLException standbyRefused(Connection c, SQLException e) {
        if (!"25006".equals(e.getSQLState())) {
            return e;
        }
        boolean inRecovery;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            inRecovery = rs.next() && rs.getBoolean(1);
        } catch (SQLException check) {
            // the connection broke meanwhile: as unclear as a standby, so the connections are replaced too
            e.addSuppressed(check);
            inRecovery = true;
        }
        if (!inRecovery) {
            return e;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "the database refused a write as a standby (in recovery): replacing the "
                        + "pool's connections to find the primary");
        pool.getHikariPoolMXBean().softEvictConnections();
        return new SQLException(
                "The database is a read-only standby (in recovery); the connection to the primary is "
                        + "being re-established: " + e.getMessage(),
                "25006",
                e);
    }

    /** The 25006 behind {@code e} (JDBC's own, or wrapped by jOOQ in user code), or null. */
    private static SQLException readOnlyRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "25006".equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    /** Waits for a turn at the pool, as long as Hikari would wait for a connection ({@code PGRST003} after). */
    private void enqueue() throws SQLException {
        if (!queue.acquire()) {
            poolTimeouts.increment();
            throw new SQLTransientConnectionException("pgapi - Connection is not available, request timed out after "
                    + pool.getConnectionTimeout() + "ms.");
        }
    }

    /**
     * A connection from the pool, waiting at most the acquisition timeout, in short slices: a request waiting for a
     * connection to be made when the database goes down gives up as soon as that is known.
     */
    private Connection connection() throws SQLException {
        var hikari = (HikariPool) pool.getHikariPoolMXBean();
        long deadline = System.nanoTime() + acquisitionMillis * 1_000_000;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try {
                return hikari.getConnection(Math.clamp(left, 1, CONNECTION_WAIT_SLICE_MILLIS));
            } catch (SQLTransientConnectionException e) {
                if (left <= CONNECTION_WAIT_SLICE_MILLIS) {
                    throw e;
                }
                reachability.check(0);
            }
        }
    }

    private static void finish(Connection c, QueryResult result, End end, Check check) throws SQLException {
        try {
            check.verify(result);
        } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
        }
        try (Statement st = c.createStatement()) {
            st.execute(end == End.COMMIT ? "COMMIT" : "SET CONSTRAINTS ALL IMMEDIATE; ROLLBACK");
        } catch (SQLException e) {
            rollback(c, e);
            throw e;
        }
    }

    /** Leaves the pooled connection outside any transaction, whatever state an error left it in. */
    private static void rollback(Connection c, Exception cause) {
        try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static QueryResult read(ResultSet last) throws SQLException {
        if (last == null || !last.next()) {
            throw new SQLException("the main statement returned no row");
        }
        try (ResultSet rs = last) {
            ResultSetMetaData meta = rs.getMetaData();
            if (meta.getColumnCount() == 1 && "QUERY PLAN".equals(meta.getColumnLabel(1))) {
                return plan(rs);
            }
            Map<String, String> extra = Map.of();
            long pageTotal = 0;
            String body = null;
            byte[] binaryBody = null;
            String headers = null;
            String status = null;
            Long total = null;
            // by position: looking columns up by name builds a map per result set
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String label = meta.getColumnLabel(i);
                switch (label) {
                    case "page_total" -> pageTotal = rs.getLong(i);
                    case "body" -> {
                        if (meta.getColumnType(i) == Types.BINARY) {
                            binaryBody = rs.getBytes(i);
                        } else {
                            body = rs.getString(i);
                        }
                    }
                    case "response_headers" -> headers = rs.getString(i);
                    case "response_status" -> status = rs.getString(i);
                    case "total_result_set" -> {
                        long t = rs.getLong(i);
                        total = rs.wasNull() ? null : t;
                    }
                    default -> {
                        if (extra.isEmpty()) {
                            extra = new HashMap<>();
                        }
                        extra.put(label, rs.getString(i));
                    }
                }
            }
            return new QueryResult(pageTotal, body, headers, status, total, null, extra, binaryBody);
        }
    }

    /** An {@code EXPLAIN} as the body: one row in JSON, a row per line in text; each line ends with a newline. */
    private static QueryResult plan(ResultSet rs) throws SQLException {
        var body = new StringBuilder();
        do {
            body.append(rs.getString(1)).append('\n');
        } while (rs.next());
        return new QueryResult(0, body.toString(), null, null);
    }

    private static Long planRows(String explainJson) {
        var m = PLAN_ROWS.matcher(explainJson);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** Binds every value as text of type {@code unknown}: PostgreSQL infers the type (see the class comment). */
    static void bind(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            var value = new PGobject();
            value.setType("unknown");
            value.setValue(params.get(i));
            ps.setObject(i + 1, value);
        }
    }

    /*
     * For the admin server: readiness and PostgREST's pool metrics.
     */

    /**
     * Whether the database answers {@code SELECT 1} on a pooled connection within {@code timeout}: the readiness
     * check. A borrow still waiting at the timeout ends on its own (Hikari gives up after the acquisition timeout).
     */
    public boolean answersWithin(Duration timeout) {
        if (pool.isClosed()) {
            return false;
        }
        var answered = new CompletableFuture<Boolean>();
        Thread.ofVirtual().name("pgapi-ready-check").start(() -> {
            try (Connection c = pool.getConnection();
                    Statement st = c.createStatement()) {
                // a check that never returns would keep its connection from the pool for good (the pool resets the
                // timeout when the connection comes back)
                c.setNetworkTimeout(Runnable::run, (int) Math.max(1000, timeout.toMillis()));
                answered.complete(st.execute("SELECT 1"));
            } catch (SQLException | RuntimeException e) {
                answered.complete(false);
            }
        });
        try {
            return answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code pgrst_db_pool_available}: open connections that are idle in the pool. */
    public int poolAvailable() {
        var bean = pool.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getIdleConnections();
    }

    /** {@code pgrst_db_pool_waiting}: requests waiting for a connection. */
    public int poolWaiting() {
        var bean = pool.getHikariPoolMXBean();
        return queue.waiting() + (bean == null ? 0 : bean.getThreadsAwaitingConnection());
    }

    /** {@code pgrst_db_pool_max}: {@code db-pool}. */
    public int poolMax() {
        return pool.getMaximumPoolSize();
    }

    /** {@code pgrst_db_pool_timeouts_total}: requests that got no connection within the acquisition timeout. */
    public long poolTimeouts() {
        return poolTimeouts.sum();
    }

    @Override
    public void close() {
        queue.close();
        reachability.close();
        pool.close();
    }
}
