package dev.pgapi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runtime's layers depend one way: the token verifier, the database access and the configuration know nothing of
 * HTTP handling, and the verifier knows nothing of how configuration is read (it gets its own settings record).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/pgapi/runtime");

    @ParameterizedTest(name = "{0} does not import {1}")
    @CsvSource({
        "auth, dev.pgapi.runtime.config",
        "auth, dev.pgapi.runtime.http",
        "auth, io.helidon.webserver",
        "db, dev.pgapi.runtime.http",
        "db, io.helidon",
        "config, dev.pgapi.runtime.http",
        "config, dev.pgapi.runtime.db",
        "config, io.helidon",
    })
    void layersDoNotReachUp(String pkg, String forbidden) throws IOException {
        assertThat(importing(pkg, forbidden)).isEmpty();
    }

    private static List<String> importing(String pkg, String forbidden) throws IOException {
        var offenders = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import " + forbidden + ".") || line.startsWith("import static " + forbidden)) {
                        offenders.add(SOURCES.relativize(file) + ": " + line);
                    }
                }
            }
        }
        return offenders;
    }
}
