package dev.pgapi.maven;

import dev.pgapi.generator.Generator;
import dev.pgapi.generator.GeneratorConfig;
import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogException;
import dev.pgapi.generator.catalog.CatalogSource;
import java.io.File;
import java.util.List;
import java.util.SortedMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Parameters shared by the goals, and the one thing they all do: read a catalog and generate from it. */
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

    /** The package the generated code lives in; the generator owns it entirely. */
    @Parameter(property = "pgapi.packageName", required = true)
    String packageName;

    /** Source root the generated package is written under. */
    @Parameter(property = "pgapi.outputDirectory", defaultValue = "${project.basedir}/src/main/java")
    File outputDirectory;

    /** Skip the goal. */
    @Parameter(property = "pgapi.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pgapi: skipped");
            return;
        }
        GeneratorConfig config;
        try {
            config = new GeneratorConfig(packageName, schemas == null ? List.of() : schemas);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("pgapi: " + e.getMessage());
        }
        SortedMap<String, String> files;
        try {
            files = Generator.generate(readCatalog(config.schemas()), config);
        } catch (CatalogException e) {
            throw new MojoExecutionException("pgapi: " + e.getMessage());
        }
        run(config, files);
    }

    abstract void run(GeneratorConfig config, SortedMap<String, String> files)
            throws MojoExecutionException, MojoFailureException;

    private Catalog readCatalog(List<String> schemaNames) throws MojoExecutionException {
        int sources = (migrations != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0) + (snapshot != null ? 1 : 0);
        if (sources != 1) {
            throw new MojoExecutionException("pgapi: configure exactly one of migrations, jdbcUrl or snapshot"
                    + (sources == 0 ? "" : " (" + sources + " are set)"));
        }
        if (migrations != null) {
            getLog().info("pgapi: applying migrations from " + migrations + " to an embedded PostgreSQL");
            return CatalogSource.fromMigrations(migrations.toPath(), schemaNames);
        }
        if (jdbcUrl != null) {
            return CatalogSource.fromJdbc(jdbcUrl, jdbcUser, jdbcPassword, schemaNames);
        }
        return CatalogSource.fromSnapshot(snapshot.toPath(), schemaNames);
    }
}
