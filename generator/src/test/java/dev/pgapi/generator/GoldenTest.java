package dev.pgapi.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogSnapshot;
import dev.pgapi.generator.catalog.CatalogSource;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: {@code golden/<case>/migrations} → {@code catalog.json} → {@code expected/**}, and the expected
 * sources compile against the runtime. Every directory under {@code golden/} is a case; its exposed schemas are
 * {@code api} unless a {@code schemas} file lists others (comma-separated). Run with {@code -Dgolden.update=true} to
 * rewrite the golden files after an intended change, then review the diff.
 */
class GoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static GeneratorConfig config(String name) throws IOException {
        Path file = GOLDEN.resolve(name).resolve("schemas");
        List<String> schemas = Files.exists(file)
                ? List.of(Files.readString(file, StandardCharsets.UTF_8).strip().split(","))
                : List.of("api");
        return new GeneratorConfig("com.example.api", schemas);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void snapshotOfTheMigrationsMatchesTheCommittedCatalog(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        Catalog catalog = CatalogSource.fromMigrations(
                dir.resolve("migrations"), config(name).schemas());
        String snapshot = CatalogSnapshot.write(catalog);
        Path committed = dir.resolve("catalog.json");
        if (UPDATE) {
            Files.writeString(committed, snapshot, StandardCharsets.UTF_8);
        }
        assertThat(snapshot).isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void generatedFilesMatchTheExpectedOnes(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        SortedMap<String, String> files =
                Generator.generate(CatalogSnapshot.read(dir.resolve("catalog.json")), config(name));
        Path expectedDir = dir.resolve("expected");
        if (UPDATE) {
            rewrite(expectedDir, files);
        }
        assertThat(files).isEqualTo(read(expectedDir));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void generationIsDeterministic(String name) throws IOException {
        Catalog catalog = CatalogSnapshot.read(GOLDEN.resolve(name).resolve("catalog.json"));
        GeneratorConfig config = config(name);
        assertThat(Generator.generate(catalog, config)).isEqualTo(Generator.generate(catalog, config));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void expectedFilesCompileAgainstTheRuntime(String name) throws IOException {
        Path expectedDir = GOLDEN.resolve(name).resolve("expected");
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(expectedDir)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        Path out = Files.createTempDirectory("pgapi-golden");
        var compiler = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            var units = fm.getJavaFileObjectsFromPaths(sources);
            var options = List.of(
                    "--release",
                    "21",
                    "-Xlint:all",
                    "-Werror",
                    "-proc:none",
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString());
            var log = new StringWriter();
            boolean ok =
                    compiler.getTask(log, fm, diagnostics, options, null, units).call();
            assertThat(ok).as(log + diagnostics.getDiagnostics().toString()).isTrue();
        }
    }

    private static SortedMap<String, String> read(Path dir) throws IOException {
        var files = new TreeMap<String, String>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void rewrite(Path dir, SortedMap<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                var all = new ArrayList<>(walk.toList());
                all.sort((a, b) -> b.getNameCount() - a.getNameCount());
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
        for (var e : files.entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
