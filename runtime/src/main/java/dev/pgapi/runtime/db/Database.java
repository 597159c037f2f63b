package dev.pgapi.runtime.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pgapi.runtime.query.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The connection pool (logged in as the authenticator) and the request transaction.
 *
 * <p>A request is one round trip: the settings statement, the optional pre-request call and the main statement are
 * sent as one multi-statement prepared statement with autocommit on. PostgreSQL runs statements that arrive before
 * one Sync as a single implicit transaction, so the transaction-local role and claims apply to the main statement
 * and are gone afterwards, and an error in any statement rolls back all of them.
 */
public final class Database implements AutoCloseable {

    private static final java.util.regex.Pattern PLAN_ROWS =
            java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9]+)");

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
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
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                Duration acquisitionTimeout, Duration maxLifetime, Duration idleTimeout) {
        var config = new HikariConfig();
        config.setPoolName("pgapi");
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        var props = new Properties();
        // request values are sent untyped so PostgreSQL infers their type from the column, as PostgREST does
        props.setProperty("stringtype", "unspecified");
        props.setProperty("ApplicationName", "pgapi");
        // No named server-side statements: once pgjdbc server-prepares a multi-statement query it describes the
        // parts in a separate round trip (parsing the main query before the role switch: "permission denied for
        // schema") and sends a Sync between the parts (splitting the request into several transactions, so the
        // role and claims are gone before the main statement). Either breaks the request from its sixth use on.
        props.setProperty("prepareThreshold", "0");
        config.setDataSourceProperties(props);
        config.setMaximumPoolSize(poolSize);
        int minimumIdle = Math.min(poolSize, 2);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(Math.max(250, acquisitionTimeout.toMillis()));
        config.setMaxLifetime(Math.max(30_000, maxLifetime.toMillis()));
        if (minimumIdle < poolSize) {
            config.setIdleTimeout(Math.max(10_000, idleTimeout.toMillis()));
        }
        config.setAutoCommit(true);
        // fail at startup only when the database is unreachable for longer than a moment; later outages are 503s
        config.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs one request: settings, optional pre-request call, then the main statement, in one round trip.
     *
     * @param settings    the request's settings
     * @param preRequest  {@code SELECT "schema"."fn"()} or null
     * @param main        the main statement, returning one {@link QueryResult} row
     */
    public QueryResult execute(RequestSettings settings, Sql preRequest, Sql main) throws SQLException {
        return execute(settings, preRequest, main, null);
    }

    /**
     * Like {@link #execute(RequestSettings, Sql, Sql)}, followed in the same round trip and transaction by
     * {@code explain} (an {@code EXPLAIN (FORMAT JSON)} statement) whose top plan's row estimate becomes
     * {@link QueryResult#plannedTotal()}.
     */
    public QueryResult execute(RequestSettings settings, Sql preRequest, Sql main, Sql explain) throws SQLException {
        var all = new Sql().append(settings.toSql()).append("; ");
        if (preRequest != null) {
            all.append(preRequest).append("; ");
        }
        all.append(main);
        if (explain != null) {
            all.append("; ").append(explain);
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(all.text())) {
            bind(ps, all.params());
            ps.execute();
            // skip the settings and pre-request results
            int skip = settings.statements() + (preRequest == null ? 0 : 1);
            for (int i = 0; i < skip; i++) {
                ps.getMoreResults();
            }
            ResultSet mainRows = ps.getResultSet();
            if (mainRows == null || !mainRows.next()) {
                throw new SQLException("the main statement returned no row");
            }
            long pageTotal;
            String body;
            String headers;
            String status;
            Long total = null;
            try (ResultSet rs = mainRows) {
                pageTotal = rs.getLong("page_total");
                body = rs.getString("body");
                headers = rs.getString("response_headers");
                status = rs.getString("response_status");
                if (hasColumn(rs, "total_result_set")) {
                    long t = rs.getLong("total_result_set");
                    total = rs.wasNull() ? null : t;
                }
            }
            Long planned = null;
            if (explain != null && ps.getMoreResults()) {
                try (ResultSet rs = ps.getResultSet()) {
                    if (rs.next()) {
                        planned = planRows(rs.getString(1));
                    }
                }
            }
            return new QueryResult(pageTotal, body, headers, status, total, planned);
        }
    }

    private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code "Plan Rows"} of an {@code EXPLAIN (FORMAT JSON)} output: the top node's estimate. */
    private static Long planRows(String explainJson) {
        var m = PLAN_ROWS.matcher(explainJson);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    private static void bind(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
