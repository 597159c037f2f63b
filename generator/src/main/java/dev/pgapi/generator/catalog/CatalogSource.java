package dev.pgapi.generator.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** The three ways to obtain a {@link Catalog}: migrations, a live database, or a committed snapshot. */
public final class CatalogSource {

    private CatalogSource() {}

    /** Applies the Flyway migrations to an ephemeral embedded PostgreSQL and introspects it. */
    public static Catalog fromMigrations(Path migrationsDir, List<String> schemas) {
        try (MigrationsDatabase db = MigrationsDatabase.start(migrationsDir);
                Connection c = db.dataSource().getConnection()) {
            return CatalogReader.read(c, schemas);
        } catch (SQLException e) {
            throw new CatalogException("cannot connect to the embedded database: " + e.getMessage(), e);
        }
    }

    /** Introspects a live database; {@code user} and {@code password} may be null (then the URL's apply). */
    public static Catalog fromJdbc(String url, String user, String password, List<String> schemas) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new CatalogException(
                    "cannot connect to " + withoutPassword(url) + ": " + CatalogReader.firstLine(e.getMessage()), e);
        }
        try (Connection c = connection) {
            return CatalogReader.read(c, schemas);
        } catch (SQLException e) {
            throw new CatalogException("cannot close the connection to " + withoutPassword(url), e);
        }
    }

    /** Reads a committed snapshot, keeping only the requested schemas, which it must contain. */
    public static Catalog fromSnapshot(Path file, List<String> schemas) {
        Catalog catalog = CatalogSnapshot.read(file);
        List<String> missing = schemas.stream()
                .filter(s -> catalog.schema(s).isEmpty())
                .distinct()
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw CatalogException.missingSchemas(missing);
        }
        return new Catalog(
                catalog.formatVersion(),
                catalog.serverMajor(),
                catalog.schemas().stream()
                        .filter(s -> schemas.contains(s.name()))
                        .toList(),
                catalog.roles(),
                catalog.domainCasts());
    }

    /** Drops {@code password=...} parameters so that error messages never show a secret. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&])password=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }
}
