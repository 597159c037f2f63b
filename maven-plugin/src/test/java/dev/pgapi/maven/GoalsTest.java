package dev.pgapi.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals as a user's build runs them, against migrations applied to embedded PostgreSQL. */
class GoalsTest {

    private static final String PACKAGE = "com.example.shop";
    private static final String PACKAGE_PATH = "com/example/shop";

    @TempDir
    Path project;

    @Test
    void generateTwiceGivesByteIdenticalFilesAndRewritesNothing() throws Exception {
        migration("V1__items.sql", "create schema api; create table api.items (id int primary key, name text);");
        generate().execute();
        Map<Path, String> first = snapshot();
        assertThat(first.keySet()).anyMatch(p -> p.endsWith("api/ItemsService.java"));
        Path items = project.resolve("src/main/java/" + PACKAGE_PATH + "/api/ItemsService.java");
        Files.setLastModifiedTime(items, FileTime.fromMillis(0));

        generate().execute();

        assertThat(snapshot()).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(items).toMillis()).isZero();
    }

    @Test
    void checkFailsWithADiffNamingTheFileUntilRegenerated() throws Exception {
        migration("V1__items.sql", "create schema api; create table api.items (id int primary key);");
        generate().execute();
        check().execute();

        migration("V2__orders.sql", "create table api.orders (id int primary key, item_id int references api.items);");
        var log = new CapturingLog();
        CheckMojo stale = check();
        stale.setLog(log);
        assertThatThrownBy(stale::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(PACKAGE_PATH + "/api/OrdersService.java");
        assertThat(log.errors)
                .contains("+++ b/" + PACKAGE_PATH + "/api/OrdersService.java")
                .contains("+        routing.register(\"/orders\", new OrdersService(endpoints));");

        generate().execute();
        check().execute();
    }

    @Test
    void generatedFilesOfDroppedTablesAreDeletedButUserFilesStay() throws Exception {
        migration(
                "V1__items.sql",
                "create schema api; create table api.items (id int primary key);" + " create table api.old (id int);");
        generate().execute();
        Path userFile = project.resolve("src/main/java/" + PACKAGE_PATH + "/Custom.java");
        Files.writeString(userFile, "package " + PACKAGE + "; class Custom {}");

        migration("V2__drop.sql", "drop table api.old;");
        generate().execute();

        assertThat(project.resolve("src/main/java/" + PACKAGE_PATH + "/api/OldService.java"))
                .doesNotExist();
        assertThat(project.resolve("src/main/java/" + PACKAGE_PATH + "/api/ItemsService.java"))
                .exists();
        assertThat(userFile).exists();
    }

    @Test
    void introspectWritesASnapshotThatGenerateCanUseWithoutADatabase() throws Exception {
        migration("V1__items.sql", "create schema api; create table api.items (id int primary key);");
        var introspect = new IntrospectMojo();
        source(introspect);
        introspect.snapshotFile = project.resolve("pgapi-catalog.json").toFile();
        introspect.execute();
        generate().execute();
        Map<Path, String> fromMigrations = snapshot();

        GenerateMojo offline = generate();
        offline.migrations = null;
        offline.snapshot = introspect.snapshotFile;
        deleteGenerated();
        offline.execute();

        assertThat(snapshot()).isEqualTo(fromMigrations);
    }

    @Test
    void missingMigrationsFolderIsOneClearLine() {
        GenerateMojo mojo = generate();
        mojo.migrations = project.resolve("nope").toFile();
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("pgapi: migrations folder not found: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownSchemaIsOneClearLine() throws Exception {
        migration("V1__items.sql", "create schema api;");
        GenerateMojo mojo = generate();
        mojo.schemas = List.of("api", "shop");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("pgapi: schema \"shop\" does not exist");
    }

    @Test
    void unreachableDatabaseIsOneClearLine() {
        GenerateMojo mojo = generate();
        mojo.migrations = null;
        mojo.jdbcUrl = "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2";
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("pgapi: cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageNotContaining("\n");
    }

    @Test
    void exactlyOneCatalogSourceMustBeConfigured() {
        GenerateMojo none = generate();
        none.migrations = null;
        assertThatThrownBy(none::execute).hasMessage("pgapi: configure exactly one of migrations, jdbcUrl or snapshot");
        GenerateMojo two = generate();
        two.jdbcUrl = "jdbc:postgresql://localhost/x";
        assertThatThrownBy(two::execute)
                .hasMessage("pgapi: configure exactly one of migrations, jdbcUrl or snapshot (2 are set)");
    }

    @Test
    void badPackageNameIsOneClearLine() {
        GenerateMojo mojo = generate();
        mojo.packageName = "Com.Example";
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("packageName \"Com.Example\" is not a lower-case Java package name");
    }

    /**
     * The loop committed generated code buys: a hand-written class reads a column through the jOOQ classes, a
     * migration renames the column, and after {@code generate} the build stops at the line that used it.
     */
    @Test
    void aMigrationRenamingAColumnAUserClassUsesBreaksCompilationAtThatLine() throws Exception {
        migration("V1__items.sql", "create schema api; create table api.items (id int primary key, name text);");
        generate().execute();
        Path user = project.resolve("src/main/java/com/example/custom/ItemNames.java");
        Files.createDirectories(user.getParent());
        Files.writeString(
                user,
                String.join(
                        "\n",
                        "package com.example.custom;",
                        "",
                        "import static com.example.shop.jooq.Tables.ITEMS;",
                        "",
                        "import java.util.List;",
                        "import org.jooq.DSLContext;",
                        "",
                        "public final class ItemNames {",
                        "    public static List<String> all(DSLContext db) {",
                        "        return db.select(ITEMS.NAME).from(ITEMS).orderBy(ITEMS.ID).fetch(ITEMS.NAME);", // line
                        // 10
                        "    }",
                        "}",
                        ""));
        assertThat(compileJooqClassesAnd(user)).isEmpty();

        migration("V2__rename.sql", "alter table api.items rename column name to title;");
        generate().execute();

        List<Diagnostic<? extends JavaFileObject>> errors = compileJooqClassesAnd(user);
        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(Path.of(e.getSource().toUri())).isEqualTo(user);
            assertThat(e.getLineNumber()).isEqualTo(10);
            assertThat(e.getMessage(Locale.ROOT)).contains("cannot find symbol").contains("NAME");
        });
    }

    /** Compiles the generated jOOQ classes with {@code user}; the errors javac reports. */
    private List<Diagnostic<? extends JavaFileObject>> compileJooqClassesAnd(Path user) throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(project.resolve("src/main/java/" + PACKAGE_PATH + "/jooq"))) {
            sources = Stream.concat(walk.filter(p -> p.toString().endsWith(".java")), Stream.of(user))
                    .toList();
        }
        Path classes = Files.createDirectories(project.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            javac.getTask(
                            null,
                            files,
                            diagnostics,
                            List.of(
                                    "-proc:none",
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    classes.toString()),
                            null,
                            files.getJavaFileObjectsFromPaths(sources))
                    .call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .toList();
    }

    private GenerateMojo generate() {
        var mojo = new GenerateMojo();
        configure(mojo);
        return mojo;
    }

    private CheckMojo check() {
        var mojo = new CheckMojo();
        configure(mojo);
        return mojo;
    }

    private void configure(AbstractGeneratingMojo mojo) {
        source(mojo);
        mojo.packageName = PACKAGE;
        mojo.outputDirectory = project.resolve("src/main/java").toFile();
    }

    private void source(AbstractPgapiMojo mojo) {
        mojo.migrations = project.resolve("migrations").toFile();
        mojo.schemas = List.of("api");
    }

    private void migration(String name, String sql) throws IOException {
        Path dir = project.resolve("migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), sql, StandardCharsets.UTF_8);
    }

    private Map<Path, String> snapshot() throws IOException {
        var files = new TreeMap<Path, String>();
        try (Stream<Path> walk = Files.walk(project.resolve("src/main/java"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(project.relativize(p), Files.readString(p));
            }
        }
        return files;
    }

    private void deleteGenerated() throws IOException {
        try (Stream<Path> walk = Files.walk(project.resolve("src/main/java"))) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final class CapturingLog extends SystemStreamLog {
        final StringBuilder errors = new StringBuilder();

        @Override
        public void error(CharSequence content) {
            errors.append(content).append('\n');
        }
    }
}
