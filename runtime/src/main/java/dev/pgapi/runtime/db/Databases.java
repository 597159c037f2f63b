package dev.pgapi.runtime.db;

import dev.pgapi.runtime.config.JdbcTarget;
import dev.pgapi.runtime.config.ReadReplicas;
import dev.pgapi.runtime.config.RuntimeConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The primary ({@code db-uri}) and the read replicas ({@code db-read-uris}), and which one a request's transaction
 * runs on.
 *
 * <p>A READ ONLY transaction may run on a replica in rotation (round robin); everything else, and reads while no
 * replica is in rotation, run on the primary. The transaction is the same on either: the same settings, role switch,
 * claims and pre-request, only the connection differs. A background check (every second) takes replicas that are
 * down, promoted or lagging out of rotation and puts them back (see {@link ReadReplica}). A read whose replica fails
 * with a connection error or a recovery conflict is run once more on the primary: a READ ONLY transaction changed
 * nothing, so repeating it is safe.
 */
public final class Databases implements AutoCloseable {

    private static final long CHECK_INTERVAL_MILLIS = 1000;
    private static final int CHECK_TIMEOUT_SECONDS = 5;

    private final Database primary;
    private final List<ReadReplica> replicas;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder primaryTransactions = new LongAdder();
    private final LongAdder readsOnPrimary = new LongAdder();
    private final LongAdder replicaRetries = new LongAdder();
    private final Thread checker;
    private Connection primaryCheck;
    private volatile boolean closed;

    private Databases(Database primary, List<ReadReplica> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            this.checker = null;
        } else {
            this.checker = Thread.ofVirtual().name("pgapi-replica-check").start(this::checkForever);
        }
    }

    /** Opens the primary's pool and one pool of {@code db-pool} connections per replica. */
    public static Databases open(RuntimeConfig config) {
        JdbcTarget jdbc = config.jdbc();
        Duration acquisition = Duration.ofSeconds(config.dbPoolAcquisitionTimeout());
        Duration lifetime = Duration.ofSeconds(config.dbPoolMaxLifetime());
        Duration idle = Duration.ofSeconds(config.dbPoolMaxIdletime());
        var primary = Database.open(
                "pgapi",
                jdbc.url(),
                jdbc.user(),
                jdbc.password(),
                config.dbPool(),
                acquisition,
                lifetime,
                idle,
                config.dbPreparedStatements());
        ReadReplicas read = config.dbReadReplicas();
        var replicas = new ArrayList<ReadReplica>();
        for (JdbcTarget target : read.targets()) {
            String name = hosts(target.url());
            var database = Database.open(
                    "pgapi-read-" + (replicas.size() + 1),
                    target.url(),
                    target.user(),
                    target.password(),
                    config.dbPool(),
                    acquisition,
                    lifetime,
                    idle,
                    config.dbPreparedStatements());
            replicas.add(new ReadReplica(name, database, read.maxLagSeconds()));
        }
        return new Databases(primary, replicas);
    }

    /** Where a request's transaction runs, and what to do when it fails there. */
    public final class Route {
        private final ReadReplica replica;

        private Route(ReadReplica replica) {
            this.replica = replica;
        }

        public Database database() {
            return replica == null ? primary : replica.database();
        }

        /** Whether this route leads to a replica. */
        public boolean replica() {
            return replica != null;
        }

        /** Takes the replica out of rotation when {@code e} says it failed (see {@link #retryOnPrimary}). */
        public void failedWith(SQLException e) {
            if (replica != null && replicaFailure(e)) {
                replica.failed();
            }
        }

        /**
         * Whether the read should run once more on the primary after failing on the replica with {@code e}: the
         * replica could not be used (connection lost or refused, server shutting down, conflict with recovery),
         * which also takes it out of rotation until its next check passes.
         */
        public boolean retryOnPrimary(SQLException e) {
            if (replica == null || !replicaFailure(e)) {
                return false;
            }
            replica.failed();
            replicaRetries.increment();
            primaryTransactions.increment();
            return true;
        }
    }

    /** Whether {@code db-read-uris} names any replica. */
    public boolean hasReplicas() {
        return !replicas.isEmpty();
    }

    /** The primary: every request that may write, and reads while no replica is in rotation. */
    public Database primary() {
        return primary;
    }

    /**
     * Where a transaction runs: a replica in rotation when it is READ ONLY and may go to one, else the primary.
     *
     * @param readOnly    the transaction is READ ONLY
     * @param mayUseReplica  the request did not insist on the primary
     */
    public Route route(boolean readOnly, boolean mayUseReplica) {
        if (readOnly && mayUseReplica && !replicas.isEmpty()) {
            int n = replicas.size();
            int start = Math.floorMod(next.getAndIncrement(), n);
            for (int i = 0; i < n; i++) {
                ReadReplica r = replicas.get((start + i) % n);
                if (r.inRotation()) {
                    r.counted();
                    return new Route(r);
                }
            }
        }
        if (readOnly && !replicas.isEmpty()) {
            readsOnPrimary.increment();
        }
        primaryTransactions.increment();
        return new Route(null);
    }

    /** Connection lost or refused (08), the server shutting down (57P01-57P03), a conflict with recovery (40001, 40P01). */
    static boolean replicaFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException && !(e.getCause() instanceof SQLException)) {
            return false; // the replica's pool is busy: the primary's would not be faster
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }

    /*
     * For the admin server's metrics.
     */

    /** The replicas by name (hosts and ports of their URIs), in configuration order. */
    public List<String> replicaNames() {
        return replicas.stream().map(ReadReplica::name).toList();
    }

    /** Transactions run on the primary (including reads that had no replica, and reads retried there). */
    public long primaryTransactions() {
        return primaryTransactions.sum();
    }

    /** READ ONLY transactions that ran on the primary although replicas are configured. */
    public long readsOnPrimary() {
        return readsOnPrimary.sum();
    }

    /** Reads run once more on the primary after their replica failed. */
    public long replicaRetries() {
        return replicaRetries.sum();
    }

    public long replicaTransactions(int index) {
        return replicas.get(index).transactions();
    }

    /** 1 while the replica is in rotation, else 0. */
    public double replicaInRotation(int index) {
        return replicas.get(index).inRotation() ? 1 : 0;
    }

    /** Its lag behind the primary at the last check, in seconds; NaN when unknown (down, or not a standby). */
    public double replicaLagSeconds(int index) {
        return replicas.get(index).lagSeconds();
    }

    /** Why the replica is out of rotation (down, promoted, lagging), or null while it is in. */
    public String replicaProblem(int index) {
        return replicas.get(index).problem();
    }

    public int replicaPoolAvailable(int index) {
        return replicas.get(index).poolAvailable();
    }

    public int replicaPoolMax(int index) {
        return replicas.get(index).poolMax();
    }

    private void checkForever() {
        while (!closed) {
            ReadReplica.Position position = primaryPosition();
            for (ReadReplica r : replicas) {
                if (closed) {
                    return;
                }
                r.check(position);
            }
            try {
                Thread.sleep(CHECK_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Where the primary's WAL ends now, or null when it cannot be read (down, or itself in recovery). */
    private ReadReplica.Position primaryPosition() {
        try {
            if (primaryCheck == null) {
                primaryCheck = primary.openForCheck(CHECK_TIMEOUT_SECONDS);
            }
            long at = System.nanoTime();
            try (Statement st = primaryCheck.createStatement();
                    ResultSet rs = st.executeQuery("SELECT CASE WHEN pg_is_in_recovery() THEN NULL "
                            + "ELSE pg_current_wal_lsn()::text END")) {
                rs.next();
                String lsn = rs.getString(1);
                return lsn == null ? null : new ReadReplica.Position(ReadReplica.lsn(lsn), at);
            }
        } catch (SQLException e) {
            closePrimaryCheck();
            return null;
        }
    }

    private void closePrimaryCheck() {
        if (primaryCheck != null) {
            try {
                primaryCheck.close();
            } catch (SQLException e) {
                // dropped either way
            }
            primaryCheck = null;
        }
    }

    /**
     * Reads the role settings again on the primary and on every replica (each request reads them where it runs). A
     * replica that cannot be reached now reads them on its next connection.
     *
     * @throws SQLException when the primary cannot be reached; its settings read before stay in use
     */
    public void reloadRoleSettings() throws SQLException {
        for (ReadReplica replica : replicas) {
            try {
                replica.database().reloadRoleSettings();
            } catch (SQLException e) {
                System.getLogger(Databases.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "reading the role settings of replica " + replica.name() + " failed: "
                                        + e.getMessage());
            }
        }
        primary.reloadRoleSettings();
    }

    /** {@code host:port[,host:port]/db} of a JDBC URL, to name a replica in logs and metrics. */
    static String hosts(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    @Override
    public void close() {
        closed = true;
        if (checker != null) {
            checker.interrupt();
            try {
                checker.join(TimeUnit.SECONDS.toMillis(CHECK_TIMEOUT_SECONDS * 2L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closePrimaryCheck();
        replicas.forEach(ReadReplica::close);
        primary.close();
    }
}
