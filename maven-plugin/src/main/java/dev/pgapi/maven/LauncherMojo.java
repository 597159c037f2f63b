package dev.pgapi.maven;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogReader;
import dev.pgapi.generator.catalog.MigrationsDatabase;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.Schema;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the service's start script next to its jar ({@code target/<name>} for {@code target/<name>.jar}) with the
 * recommended JVM options, and trains the JVM's startup cache for it: the jar runs once against the migrations applied
 * to an embedded PostgreSQL, answers a few requests per exposed relation, and leaves {@code <name>.aot} (JDK 25+, an
 * AOT cache: classes loaded and linked, method profiles) or {@code <name>.jsa} (JDK 21-24, a class-data archive).
 * The script uses the cache when it runs on the JDK that trained it, and otherwise lets the JVM write a class-data
 * archive at the first exit that later starts use.
 */
@Mojo(name = "launcher", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LauncherMojo extends AbstractPgapiMojo {

    /** Options that keep a pgapi service under 300 MB of RSS at full load without costing throughput. */
    static final List<String> RECOMMENDED_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m");

    /** The service's jar; the script and the cache are written next to it. */
    @Parameter(property = "pgapi.jar", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    File jar;

    /** JVM options of the script (before {@code JAVA_OPTS}, which win) and of the training run. */
    @Parameter(property = "pgapi.jvmOptions")
    List<String> jvmOptions;

    /** Train the startup cache during the build (needs {@code migrations}). */
    @Parameter(property = "pgapi.train", defaultValue = "true")
    boolean train;

    /**
     * The configuration file of the training run, e.g. the one developers use; its database, schemas and port are
     * replaced by the embedded PostgreSQL's.
     */
    @Parameter(property = "pgapi.trainingConfig")
    File trainingConfig;

    /** How often the training run requests each relation: enough calls for the JIT's profiles to be kept. */
    @Parameter(property = "pgapi.trainingRounds", defaultValue = "5")
    int trainingRounds;

    @Override
    void run() throws MojoExecutionException {
        if (!jar.isFile()) {
            throw new MojoExecutionException("pgapi: " + jar + " not found: bind the launcher goal after the jar");
        }
        Path dir = jar.getAbsoluteFile().toPath().getParent();
        String name = jar.getName().replaceFirst("\\.jar$", "");
        List<String> options = jvmOptions == null || jvmOptions.isEmpty() ? RECOMMENDED_JVM_OPTIONS : jvmOptions;
        Path aot = dir.resolve(name + ".aot");
        Path jsa = dir.resolve(name + ".jsa");
        try {
            Files.deleteIfExists(aot);
            Files.deleteIfExists(jsa);
            Path script = dir.resolve(name);
            Files.writeString(script, Launcher.script(name, options, trainedRuntime()), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                getLog().debug("pgapi: no POSIX permissions on this file system");
            }
            getLog().info("pgapi: start script " + script);
        } catch (IOException e) {
            throw new MojoExecutionException("pgapi: cannot write the start script: " + e.getMessage());
        }
        if (!train) {
            return;
        }
        if (migrations == null) {
            getLog().info("pgapi: no migrations to train the startup cache on; the first run writes it instead");
            return;
        }
        Path cache = aotCache() ? aot : jsa;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Launcher.trainingOptions(options, aotCache()));
        command.add((aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache);
        command.add("-jar");
        command.add(jar.getAbsolutePath());
        if (trainingConfig != null) {
            command.add(trainingConfig.getAbsolutePath());
        }
        long started = System.nanoTime();
        try (MigrationsDatabase db = MigrationsDatabase.start(migrations.toPath())) {
            Catalog catalog;
            try (Connection c = db.dataSource().getConnection()) {
                catalog = CatalogReader.read(c, schemaList());
            } catch (SQLException e) {
                throw new MojoExecutionException("pgapi: cannot read the embedded database: " + e.getMessage());
            }
            if (!train(command, db, catalog, dir.resolve("pgapi").resolve("training.log"))) {
                // a service that never served trained nothing worth keeping
                Files.deleteIfExists(cache);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("pgapi: cannot delete " + cache + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(cache)) {
            getLog().warn("pgapi: the training run left no " + cache.getFileName()
                    + " (see target/pgapi/training.log); the first run writes a class-data archive instead");
            return;
        }
        getLog().info("pgapi: trained " + cache.getFileName() + " in " + (System.nanoTime() - started) / 1_000_000
                + " ms");
    }

    private static boolean aotCache() {
        return Runtime.version().feature() >= 25;
    }

    /** The JDK the cache is trained on, as its {@code release} file names it; null when it writes a class-data archive. */
    private static String trainedRuntime() {
        return aotCache() ? System.getProperty("java.runtime.version") : null;
    }

    /** Whether the service served the training requests; a packaging step does not fail for a cache. */
    private boolean train(List<String> command, MigrationsDatabase db, Catalog catalog, Path log)
            throws MojoExecutionException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PGRST_"));
        // the superuser may switch to every role the requests name
        env.put("PGRST_DB_URI", "postgres://postgres@127.0.0.1:" + db.port() + "/postgres");
        env.put("PGRST_DB_SCHEMAS", String.join(",", schemaList()));
        env.put("PGRST_SERVER_HOST", "127.0.0.1");
        env.put("PGRST_SERVER_PORT", Integer.toString(port));
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new MojoExecutionException("pgapi: cannot start the training run: " + e.getMessage());
        }
        boolean served = false;
        try {
            requests(process, "http://127.0.0.1:" + port, catalog);
            served = true;
        } catch (MojoExecutionException e) {
            getLog().warn(e.getMessage());
        } finally {
            // SIGTERM: the JVM writes the cache on its way out
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        return served;
    }

    private void requests(Process process, String base, Catalog catalog) throws MojoExecutionException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (send(client, base + "/") < 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new MojoExecutionException(
                        "pgapi: the training run did not serve within 120 s, see target/pgapi/training.log");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("pgapi: interrupted while training");
            }
        }
        List<String[]> paths = new ArrayList<>();
        paths.add(new String[] {"/", catalog.schemas().getFirst().name()});
        for (Schema schema : catalog.schemas()) {
            for (Relation relation : schema.relations()) {
                String path = "/"
                        + URLEncoder.encode(relation.name(), StandardCharsets.UTF_8)
                                .replace("+", "%20");
                paths.add(new String[] {path + "?limit=1", schema.name()});
                paths.add(new String[] {path + "?select=*&limit=1&offset=1", schema.name()});
            }
        }
        for (int round = 0; round < trainingRounds; round++) {
            // the error paths too: unknown path, unknown schema, a token that does not verify
            send(client, base + "/");
            send(client, base + "/nothing-here");
            send(client, base + "/", "Accept-Profile", "not-a-schema");
            for (String[] path : paths) {
                send(client, base + path[0], "Accept-Profile", path[1]);
            }
            send(client, base + paths.getFirst()[0], "Authorization", "Bearer not.a.token");
        }
    }

    /** The status, or -1 when nothing answered. */
    private static int send(HttpClient client, String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws MojoExecutionException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MojoExecutionException("pgapi: no free port for the training run: " + e.getMessage());
        }
    }
}
