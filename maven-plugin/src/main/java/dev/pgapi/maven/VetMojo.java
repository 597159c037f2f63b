package dev.pgapi.maven;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.vet.Finding;
import dev.pgapi.generator.vet.PermissionReport;
import dev.pgapi.generator.vet.Vet;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints the exposed schemas for unsafe grants (anonymous writes, writable tables without row-level security, views
 * that bypass row-level security, SECURITY DEFINER functions without a fixed search_path, functions anonymous
 * requests may call that read settings by a caller-supplied name) and writes the roles × endpoints permission report.
 */
@Mojo(name = "vet", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VetMojo extends AbstractPgapiMojo {

    /** The role anonymous requests run as ({@code db-anon-role}). */
    @Parameter(property = "pgapi.anonRole")
    String anonRole;

    /** Fail the build when there are findings. */
    @Parameter(property = "pgapi.failOnFindings", defaultValue = "false")
    boolean failOnFindings;

    /** Where the permission report (Markdown) is written. */
    @Parameter(property = "pgapi.reportFile", defaultValue = "${project.build.directory}/pgapi/permissions.md")
    File reportFile;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Catalog catalog = readCatalog();
        List<Finding> findings = Vet.check(catalog, schemaList(), anonRole);
        findings.forEach(f -> getLog().warn("pgapi vet: " + f));
        try {
            Files.createDirectories(reportFile.getAbsoluteFile().getParentFile().toPath());
            Files.writeString(
                    reportFile.toPath(),
                    "# Permissions\n\n" + PermissionReport.render(catalog, schemaList()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("pgapi: cannot write " + reportFile + ": " + e.getMessage());
        }
        getLog().info("pgapi vet: " + findings.size() + " finding(s); permission report in " + reportFile);
        if (failOnFindings && !findings.isEmpty()) {
            throw new MojoFailureException("pgapi vet: " + findings.size() + " finding(s), see the warnings above");
        }
    }
}
