package dev.pgapi.maven;

import dev.pgapi.generator.GeneratorConfig;
import dev.pgapi.generator.output.FileSync;
import java.util.SortedMap;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Generates the API package into the source tree, rewriting only files whose content changed. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractGeneratingMojo {

    @Override
    void run(GeneratorConfig config, SortedMap<String, String> files) {
        FileSync.Result result = FileSync.sync(outputDirectory.toPath(), config.packagePath(), files);
        result.written().forEach(f -> getLog().info("pgapi: wrote " + f));
        result.deleted().forEach(f -> getLog().info("pgapi: deleted " + f));
        getLog().info("pgapi: " + files.size() + " files in " + config.packageName() + " ("
                + result.written().size() + " written, " + result.deleted().size() + " deleted, "
                + result.unchanged().size() + " unchanged)");
    }
}
