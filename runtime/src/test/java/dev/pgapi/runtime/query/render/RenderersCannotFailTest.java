package dev.pgapi.runtime.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every 4xx is raised while planning: the renderers throw nothing and look nothing up. */
class RenderersCannotFailTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/pgapi/runtime/query/render");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theRenderersAreFound() throws IOException {
        assertThat(sources()).contains(SOURCES.resolve("ReadRenderer.java"), SOURCES.resolve("WriteRenderer.java"));
    }

    @Test
    void noRendererThrowsOrNamesAnErrorOrALookup() throws IOException {
        for (Path source : sources()) {
            String code = Files.readString(source);
            assertThat(code)
                    .as(source.toString())
                    .doesNotContain("throw ")
                    .doesNotContain("dev.pgapi.runtime.error")
                    .doesNotContain("RelationLookup")
                    .doesNotContain("Relationships.");
        }
    }
}
