package dev.pgapi.maven;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogException;
import dev.pgapi.generator.catalog.CatalogSource;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Where the catalog comes from, shared by every goal. */
abstract class AbstractPgapiMojo extends AbstractMojo {

    /** Folder of Flyway SQL migrations, applied to a throwaway embedded PostgreSQL. */
    @Parameter(property = "pgapi.migrations")
    File migrations;

    /** JDBC URL of a live database to introspect instead of migrations. */
    @Parameter(property = "pgapi.jdbcUrl")
    String jdbcUrl;

    /** User for {@code jdbcUrl}. */
    @Parameter(property = "pgapi.jdbcUser")
    String jdbcUser;

    /** Password for {@code jdbcUrl}. */
    @Parameter(property = "pgapi.jdbcPassword")
    String jdbcPassword;

    /** A committed catalog snapshot (JSON) to generate from without any database. */
    @Parameter(property = "pgapi.snapshot")
    File snapshot;

    /** The exposed schemas, like PostgREST's {@code db-schemas}. */
    @Parameter(property = "pgapi.schemas", defaultValue = "public")
    List<String> schemas;

    /** Skip the goal. */
    @Parameter(property = "pgapi.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pgapi: skipped");
            return;
        }
        try {
            run();
        } catch (CatalogException | IllegalArgumentException e) {
            throw new MojoExecutionException("pgapi: " + e.getMessage());
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    List<String> schemaList() {
        return schemas == null ? List.of() : schemas;
    }

    /** The catalog from exactly one of {@code migrations}, {@code jdbcUrl} or {@code snapshot}. */
    Catalog readCatalog() throws MojoExecutionException {
        int sources = (migrations != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0) + (snapshot != null ? 1 : 0);
        if (sources != 1) {
            throw new MojoExecutionException("pgapi: configure exactly one of migrations, jdbcUrl or snapshot"
                    + (sources == 0 ? "" : " (" + sources + " are set)"));
        }
        if (migrations != null) {
            getLog().info("pgapi: applying the migrations in " + migrations + " to an embedded PostgreSQL");
            return CatalogSource.fromMigrations(migrations.toPath(), schemaList());
        }
        if (jdbcUrl != null) {
            return CatalogSource.fromJdbc(jdbcUrl, jdbcUser, jdbcPassword, schemaList());
        }
        return CatalogSource.fromSnapshot(snapshot.toPath(), schemaList());
    }
}
