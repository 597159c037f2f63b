package dev.pgapi.runtime.db;

import dev.pgapi.runtime.query.Sql;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.postgresql.PGStatement;

/**
 * A request transaction that runs hand-written code: the request's settings and pre-request call, then the user's
 * statements, on one pooled connection, ended by pgapi. Unlike a generated endpoint's single round trip, the user's
 * code needs the transaction open between its statements, so it is an explicit JDBC transaction: one round trip for
 * the settings, the user's own, and one that reads the response settings, resets the session and ends the transaction.
 *
 * <p>Whatever the user's code does, the connection goes back to the pool as it came: the transaction is ended here
 * (the user's connection refuses {@code commit}, {@code rollback()}, {@code setAutoCommit} and {@code close}), and
 * session state the code may have changed with plain {@code SET}, {@code SET ROLE}, cursors, {@code LISTEN},
 * advisory locks or temporary tables is reset inside the transaction, just before it ends: nothing is sent after the
 * {@code COMMIT}, which behind a pooler in transaction mode could reach another server session. {@code DISCARD ALL}
 * is not used: it is refused in a transaction block, and would drop the server-side statements pgjdbc keeps prepared
 * on the connection.
 */
public final class UserTransaction {

    /**
     * What a rollback leaves behind: session advisory locks and the sequences' {@code currval}, which no transaction
     * undoes. Everything else the user's code may change in the session ends with a rolled back transaction.
     */
    private static final String RESET_AFTER_ROLLBACK = "SELECT pg_advisory_unlock_all(); DISCARD SEQUENCES";

    /**
     * What a commit would keep, reset inside the transaction: {@code SET CONSTRAINTS ALL IMMEDIATE} first, so deferred
     * triggers fire while the request's role and claims are still set; the role goes with the session authorization.
     * Each of these is allowed in a transaction block, a read-only transaction and on a standby.
     */
    private static final String RESET_AND_COMMIT = "SET CONSTRAINTS ALL IMMEDIATE; RESET SESSION AUTHORIZATION; "
            + "RESET ALL; CLOSE ALL; UNLISTEN *; DISCARD TEMP; " + RESET_AFTER_ROLLBACK + "; COMMIT";

    /**
     * As {@link #RESET_AND_COMMIT} for a READ ONLY transaction (GET, HEAD): PostgreSQL refuses it {@code CREATE TEMP
     * TABLE} and {@code nextval}, so there are no temporary tables or sequence values to discard.
     */
    private static final String RESET_READ_ONLY_AND_COMMIT = "SET CONSTRAINTS ALL IMMEDIATE; "
            + "RESET SESSION AUTHORIZATION; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); COMMIT";

    /** Ends a transaction rolled back on request ({@code Prefer: tx=rollback}); deferred constraints still report. */
    private static final String RESET_AND_ROLLBACK =
            "SET CONSTRAINTS ALL IMMEDIATE; " + RESET_AFTER_ROLLBACK + "; ROLLBACK";

    /** What SQL set for the response, read before the reset clears it. */
    private static final String RESPONSE_SETTINGS =
            "SELECT current_setting('response.headers', true), current_setting('response.status', true); ";

    /** Ends a failed transaction (or one whose handler threw) in one round trip. */
    private static final String ABORT = "ROLLBACK; " + RESET_AFTER_ROLLBACK;

    private static final Set<String> MANAGED =
            Set.of("close", "commit", "setAutoCommit", "setTransactionIsolation", "setReadOnly", "abort");

    /** The hand-written part of the transaction. */
    @FunctionalInterface
    public interface Body<T> {
        T run(Connection connection) throws Exception;
    }

    /**
     * What the transaction produced: the body's value and the {@code response.headers} / {@code response.status}
     * SQL set (or null), read just before the transaction ended.
     */
    public record Outcome<T>(T value, String responseHeaders, String responseStatus) {}

    private UserTransaction() {}

    /**
     * Runs {@code body} inside the request's transaction on {@code c} and ends it as {@code end} says; any exception
     * rolls it back and propagates. The connection is left clean (see the class comment); when that fails,
     * {@code evict} is called so that the pool closes it instead of reusing it.
     */
    static <T> Outcome<T> run(
            Connection c,
            RequestSettings settings,
            Sql preRequest,
            Database.End end,
            int prepareThreshold,
            Body<T> body,
            Runnable evict)
            throws Exception {
        Outcome<T> outcome;
        c.setAutoCommit(false);
        try {
            outcome = inTransaction(c, settings, preRequest, end, prepareThreshold, body);
        } catch (Exception | Error e) {
            try (Statement st = c.createStatement()) {
                st.execute(ABORT);
            } catch (SQLException r) {
                e.addSuppressed(r);
                evict.run();
            }
            leaveTransactionMode(c, evict);
            throw e;
        }
        leaveTransactionMode(c, evict);
        return outcome;
    }

    private static <T> Outcome<T> inTransaction(
            Connection c,
            RequestSettings settings,
            Sql preRequest,
            Database.End end,
            int prepareThreshold,
            Body<T> body)
            throws Exception {
        // one round trip (pgjdbc sends BEGIN with it): isolation level, settings, pre-request
        Sql settingsSql = settings.toSql();
        var start = Sql.sized(64 + settingsSql.length(), settingsSql.parameterCount());
        if (settings.isolationLevel() != null) {
            // validated keywords (RoleSettings); allowed because no query ran yet in this transaction
            start.append("SET TRANSACTION ISOLATION LEVEL " + settings.isolationLevel() + "; ");
        }
        start.append(settingsSql);
        if (preRequest != null) {
            start.append("; ").append(preRequest);
        }
        execute(c, start, prepareThreshold);
        T value = body.run(guarded(c));
        // one round trip: what SQL set for the response, the session reset, then the end of the transaction; a
        // deferred constraint failing throws here and is answered as an error, as with a generated endpoint
        String headers;
        String status;
        try (Statement st = c.createStatement()) {
            st.execute(RESPONSE_SETTINGS + ending(end, settings.readOnly()));
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                headers = emptyAsNull(rs.getString(1));
                status = emptyAsNull(rs.getString(2));
            }
        }
        return new Outcome<>(value, headers, status);
    }

    private static String ending(Database.End end, boolean readOnly) {
        if (end == Database.End.ROLLBACK) {
            return RESET_AND_ROLLBACK;
        }
        return readOnly ? RESET_READ_ONLY_AND_COMMIT : RESET_AND_COMMIT;
    }

    private static void execute(Connection c, Sql sql, int prepareThreshold) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(prepareThreshold);
            Database.bind(ps, sql.params());
            ps.execute();
        }
    }

    /** The settings PostgreSQL leaves as an empty string once a transaction-local value is gone. */
    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Back to auto-commit, as the pool hands connections out; the transaction has ended, so pgjdbc sends nothing.
     * When that fails the connection is evicted, and the request's own outcome stands.
     */
    private static void leaveTransactionMode(Connection c, Runnable evict) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            evict.run();
        }
    }

    /** The connection the user's code gets: the transaction and the connection's life stay pgapi's. */
    private static Connection guarded(Connection c) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    boolean endsTransaction = method.getName().equals("rollback") && (args == null || args.length == 0);
                    if (MANAGED.contains(method.getName()) || endsTransaction) {
                        // not an SQLException: a programming error, answered 500 rather than as a database error
                        throw new IllegalStateException("pgapi ends the request transaction and returns the "
                                + "connection when the handler returns: " + method.getName() + " is not allowed");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
