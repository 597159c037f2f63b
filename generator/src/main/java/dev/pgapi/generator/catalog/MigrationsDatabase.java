package dev.pgapi.generator.catalog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * An ephemeral embedded PostgreSQL (random port, superuser {@code postgres}) with a folder of Flyway SQL migrations
 * applied. Flyway's own history table is dropped afterwards: it is bookkeeping, not part of the user's schema.
 */
public final class MigrationsDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private MigrationsDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL and applies the migrations.
     *
     * @throws CatalogException when the folder does not exist, PostgreSQL does not start or a migration fails
     */
    public static MigrationsDatabase start(Path migrationsDir) {
        if (!Files.isDirectory(migrationsDir)) {
            throw new CatalogException("migrations folder not found: " + migrationsDir);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new CatalogException(
                    "cannot start embedded PostgreSQL: " + CatalogReader.firstLine(e.getMessage()), e);
        }
        MigrationsDatabase db = new MigrationsDatabase(postgres);
        try {
            db.migrate(migrationsDir);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void migrate(Path dir) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource())
                .locations("filesystem:" + dir.toAbsolutePath())
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new CatalogException("migration " + failedMigration(flyway) + " failed: " + databaseMessage(e), e);
        }
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop table if exists " + flyway.getConfiguration().getTable());
        } catch (SQLException e) {
            throw new CatalogException("cannot drop the Flyway history table: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL rolls a failed migration back, so it is the first one still pending. */
    private static String failedMigration(Flyway flyway) {
        try {
            MigrationInfo[] pending = flyway.info().pending();
            return pending.length > 0 ? pending[0].getScript() : "(unknown)";
        } catch (FlywayException e) {
            return "(unknown)";
        }
    }

    /** The deepest SQLException's first line is PostgreSQL's own message; else Flyway's. */
    private static String databaseMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                message = t.getMessage();
            }
        }
        return CatalogReader.firstLine(message);
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** A JDBC URL for the {@code postgres} database, user {@code postgres} (no password). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The port PostgreSQL listens on (localhost; superuser {@code postgres}, no password). */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new CatalogException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
