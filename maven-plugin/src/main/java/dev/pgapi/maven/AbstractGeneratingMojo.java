package dev.pgapi.maven;

import dev.pgapi.generator.Generator;
import dev.pgapi.generator.GeneratorConfig;
import java.io.File;
import java.util.SortedMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Goals that run the generator: {@code generate} writes its output, {@code check} compares it. */
abstract class AbstractGeneratingMojo extends AbstractPgapiMojo {

    /** The package the generated code lives in; the generator owns it entirely. */
    @Parameter(property = "pgapi.packageName", required = true)
    String packageName;

    /** Source root the generated package is written under. */
    @Parameter(property = "pgapi.outputDirectory", defaultValue = "${project.basedir}/src/main/java")
    File outputDirectory;

    @Override
    final void run() throws MojoExecutionException, MojoFailureException {
        var config = new GeneratorConfig(packageName, schemaList());
        run(config, Generator.generate(readCatalog(), config));
    }

    abstract void run(GeneratorConfig config, SortedMap<String, String> files)
            throws MojoExecutionException, MojoFailureException;
}
