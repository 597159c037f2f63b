package dev.pgapi.maven;

import dev.pgapi.generator.GeneratorConfig;
import dev.pgapi.generator.output.Drift;
import java.util.SortedMap;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Regenerates in memory and fails with a unified diff when the committed generated code is stale. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractGeneratingMojo {

    @Override
    void run(GeneratorConfig config, SortedMap<String, String> files) throws MojoFailureException {
        Drift.Report report = Drift.check(outputDirectory.toPath(), config.packagePath(), files);
        if (report.clean()) {
            getLog().info("pgapi: generated code in " + config.packageName() + " is up to date");
            return;
        }
        getLog().error("pgapi: generated code is stale; run the generate goal and commit the result.\n"
                + report.diff());
        throw new MojoFailureException("pgapi: " + report.changed().size()
                + " generated file(s) differ from what the schema produces: " + String.join(", ", report.changed()));
    }
}
