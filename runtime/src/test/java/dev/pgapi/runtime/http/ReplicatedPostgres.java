package dev.pgapi.runtime.http;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A primary and a streaming hot-standby replica, real PostgreSQL processes from the embedded binaries. The replica
 * starts from a cold base backup: the primary is stopped cleanly once its schema is in, its data directory copied,
 * and the copy started as a standby streaming from it. Each runs in a temporary directory removed by {@link #close}.
 */
final class ReplicatedPostgres implements AutoCloseable {

    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final Path root;
    private final int primaryPort;
    private final int replicaPort;
    private EmbeddedPostgres primary;
    private EmbeddedPostgres replica;

    private ReplicatedPostgres(Path root, int primaryPort, int replicaPort) {
        this.root = root;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    /** Starts the primary, runs {@code schema} on it, and starts the replica from a copy of it. */
    static ReplicatedPostgres start(String schema) throws Exception {
        Path root = Files.createTempDirectory("pgapi-replication");
        EmbeddedPostgres first = null;
        try {
            first = node(root.resolve("primary"), 0).start();
            try (Connection c = first.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute(schema);
            }
            int primaryPort = first.getPort();
            first.close();
            first = null;
            copy(root.resolve("primary"), root.resolve("replica"));
            var cluster = new ReplicatedPostgres(root, primaryPort, freePort());
            try {
                cluster.configureStandby();
                cluster.startPrimary();
                cluster.startReplica();
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            return cluster;
        } catch (Exception e) {
            if (first != null) {
                first.close();
            }
            delete(root);
            throw e;
        }
    }

    int primaryPort() {
        return primaryPort;
    }

    int replicaPort() {
        return replicaPort;
    }

    void startPrimary() throws IOException {
        primary = node(root.resolve("primary"), primaryPort).start();
    }

    void stopPrimary() throws IOException {
        primary.close();
        primary = null;
    }

    /** Starts (or restarts) the replica as a standby of the primary. */
    void startReplica() throws IOException {
        replica = node(root.resolve("replica"), replicaPort).start();
    }

    void stopReplica() throws IOException {
        replica.close();
        replica = null;
    }

    /** Promotes the replica to a primary, waiting until it accepts writes. */
    void promoteReplica() throws SQLException {
        try (Connection c = replica.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_promote(true, 60)")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("the replica was not promoted within a minute");
            }
        }
    }

    /** Runs {@code sql} on the primary as the superuser. */
    void onPrimary(String sql) throws SQLException {
        try (Connection c = primary.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static EmbeddedPostgres.Builder node(Path dir, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "replica")
                .setServerConfig("hot_standby", "on")
                // a replica's queries are not cancelled for replay within this window: the recovery conflicts a
                // busy test would otherwise cause are retried on the primary (and counted) anyway
                .setServerConfig("max_standby_streaming_delay", "5s");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                if (NOT_COPIED.contains(source.getFileName().toString())) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others may read
                    Files.setPosixFilePermissions(
                            target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Makes the copy a standby of the primary; run before the replica's first start. */
    private void configureStandby() throws IOException {
        Files.writeString(root.resolve("replica").resolve("standby.signal"), "");
        Files.writeString(
                root.resolve("replica").resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=localhost port=" + primaryPort + " user=postgres'\n");
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres node : new EmbeddedPostgres[] {replica, primary}) {
            if (node != null) {
                try {
                    node.close();
                } catch (IOException e) {
                    // the other node and the directory are cleaned up regardless
                }
            }
        }
        replica = null;
        primary = null;
        delete(root);
    }
}
