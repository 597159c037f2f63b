package dev.pgapi.runtime.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One streaming replica ({@code db-read-uris}): its own pool, and whether it may serve reads now.
 *
 * <p>A replica is in rotation while its last health check found it a standby (in recovery) whose replay is within
 * {@code db-read-max-lag} of the primary, and its pool can connect. Lag is measured against the primary's own WAL
 * position, not {@code pg_last_xact_replay_timestamp()} (which grows on an idle primary): every check notes where the
 * primary's WAL ends, and the lag is the age of the oldest such position the replica has not replayed yet. So a replica
 * that has everything the primary had a second ago lags a second at most, however long ago the last write was.
 */
final class ReadReplica implements AutoCloseable {

    /** Positions kept while a replica falls behind; beyond it new ones are not noted (the lag only looks larger). */
    private static final int MAX_PENDING = 4096;

    private static final int CHECK_TIMEOUT_SECONDS = 5;
    private static final System.Logger LOG = System.getLogger(ReadReplica.class.getName());

    /** A primary WAL position and when it was read. */
    record Position(long lsn, long atNanos) {}

    private final String name;
    private final Database database;
    private final long maxLagNanos;
    private final LongAdder transactions = new LongAdder();
    /** Positions of the primary not yet replayed here, oldest first; only the checker thread touches it. */
    private final ArrayDeque<Position> pending = new ArrayDeque<>();

    private Connection checkConnection;
    private volatile boolean healthy;
    private volatile double lagSeconds = Double.NaN;
    /** Why the last check took it out; written by the checker thread, read by the admin server. */
    private volatile String lastProblem = "";

    ReadReplica(String name, Database database, int maxLagSeconds) {
        this.name = name;
        this.database = database;
        this.maxLagNanos = TimeUnit.SECONDS.toNanos(maxLagSeconds);
    }

    String name() {
        return name;
    }

    Database database() {
        return database;
    }

    /** Whether reads may go here: the last check passed and the pool can connect. */
    boolean inRotation() {
        return healthy && database.reachable();
    }

    /** Takes the replica out until the next check passes: a request found it failing. */
    void failed() {
        healthy = false;
    }

    void counted() {
        transactions.increment();
    }

    long transactions() {
        return transactions.sum();
    }

    /** Seconds of lag at the last check; NaN when it could not be measured. */
    double lagSeconds() {
        return lagSeconds;
    }

    boolean healthy() {
        return healthy;
    }

    /** Why it is out of rotation, or null while it is in. */
    String problem() {
        if (inRotation()) {
            return null;
        }
        if (!healthy) {
            String problem = lastProblem;
            // taken out by a failed request, or not checked yet since the service started
            return problem.isEmpty() ? "waiting for its next health check" : problem;
        }
        return "its pool cannot connect";
    }

    int poolAvailable() {
        return database.poolAvailable();
    }

    int poolMax() {
        return database.poolMax();
    }

    /**
     * One health check; called by one thread only.
     *
     * @param primary  where the primary's WAL ended just before, or null when it could not be read (the lag is then
     *                 judged by the positions noted before)
     */
    void check(Position primary) {
        long replayed;
        try {
            if (checkConnection == null) {
                checkConnection = database.openForCheck(CHECK_TIMEOUT_SECONDS);
            }
            try (Statement st = checkConnection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    // promoted, or not a replica at all: its data may part from the primary's
                    out("it is not a standby (not in recovery)", Double.NaN);
                    return;
                }
                replayed = lsn(rs.getString(2));
            }
        } catch (SQLException e) {
            closeCheckConnection();
            out("the health check failed: " + e.getMessage(), Double.NaN);
            return;
        }
        if (primary != null
                && pending.size() < MAX_PENDING
                && (pending.isEmpty() || pending.peekLast().lsn() < primary.lsn())) {
            pending.addLast(primary);
        }
        while (!pending.isEmpty() && pending.peekFirst().lsn() <= replayed) {
            pending.removeFirst();
        }
        long lagNanos =
                pending.isEmpty() ? 0 : System.nanoTime() - pending.peekFirst().atNanos();
        double lag = lagNanos / 1e9;
        if (lagNanos > maxLagNanos) {
            out(String.format("it lags %.1f s behind the primary", lag), lag);
            return;
        }
        lagSeconds = lag;
        if (!healthy) {
            LOG.log(System.Logger.Level.INFO, "read replica " + name + " is in rotation");
            lastProblem = "";
        }
        healthy = true;
    }

    private void out(String problem, double lag) {
        lagSeconds = lag;
        if (healthy || !problem.equals(lastProblem) && !problem.startsWith("it lags")) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "read replica " + name + " is out of rotation: " + problem
                            + "; reads go to the other replicas or the primary");
        }
        lastProblem = problem;
        healthy = false;
    }

    /** {@code X/Y} (two hexadecimal halves) as one number. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    private void closeCheckConnection() {
        if (checkConnection != null) {
            try {
                checkConnection.close();
            } catch (SQLException e) {
                // it is dropped either way
            }
            checkConnection = null;
        }
    }

    @Override
    public void close() {
        healthy = false;
        closeCheckConnection();
        database.close();
    }
}
