package dev.pgapi.maven;

import dev.pgapi.generator.catalog.CatalogSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the catalog snapshot (deterministic JSON, no OIDs, host or user names) so that it can be committed and
 * {@code generate}/{@code check} can run from it with no database. With {@code checkOnly}, fails instead when the
 * committed snapshot differs from the database.
 */
@Mojo(name = "introspect", threadSafe = true)
public class IntrospectMojo extends AbstractPgapiMojo {

    /** Where the snapshot is written. */
    @Parameter(property = "pgapi.snapshotFile", defaultValue = "${project.basedir}/pgapi-catalog.json")
    File snapshotFile;

    /** Only compare: fail when the committed snapshot is stale. */
    @Parameter(property = "pgapi.checkOnly", defaultValue = "false")
    boolean checkOnly;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (snapshot != null) {
            throw new MojoExecutionException("pgapi: introspect reads migrations or jdbcUrl, not a snapshot");
        }
        String json = CatalogSnapshot.write(readCatalog());
        try {
            String current =
                    snapshotFile.isFile() ? Files.readString(snapshotFile.toPath(), StandardCharsets.UTF_8) : null;
            if (json.equals(current)) {
                getLog().info("pgapi: " + snapshotFile + " is up to date");
            } else if (checkOnly) {
                throw new MojoFailureException(
                        "pgapi: " + snapshotFile + " differs from the database; run the introspect goal and commit it");
            } else {
                File parent = snapshotFile.getAbsoluteFile().getParentFile();
                Files.createDirectories(parent.toPath());
                Files.writeString(snapshotFile.toPath(), json, StandardCharsets.UTF_8);
                getLog().info("pgapi: wrote " + snapshotFile);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("pgapi: cannot write " + snapshotFile + ": " + e.getMessage());
        }
    }
}
