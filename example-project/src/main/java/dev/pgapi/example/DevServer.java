package dev.pgapi.example;

import dev.pgapi.example.generated.ApiRouting;
import dev.pgapi.runtime.PgapiServer;
import dev.pgapi.runtime.config.RuntimeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Runs the example API with no setup: starts an embedded PostgreSQL on a free port, applies the migrations, and
 * serves the generated API with {@code pgapi.conf} (port 3000 unless {@code PGRST_SERVER_PORT} says otherwise).
 * Production runs the generated {@code Main} against a real database instead.
 */
public final class DevServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final PgapiServer server;

    private DevServer(EmbeddedPostgres postgres, PgapiServer server) {
        this.postgres = postgres;
        this.server = server;
    }

    public static void main(String[] args) throws IOException {
        DevServer dev = start(Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(dev::close, "example-shutdown"));
        System.out.println("pgapi example: http://localhost:" + dev.port() + "/books  (Ctrl+C stops it)");
    }

    /**
     * Starts PostgreSQL and the API.
     *
     * @param overrides configuration keys in environment form ({@code PGRST_SERVER_PORT=0}) that win over
     *                  {@code pgapi.conf} and the process environment
     */
    public static DevServer start(Map<String, String> overrides) throws IOException {
        // PostgreSQL's own log would interleave with the service's; errors reach clients as JSON anyway
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return new DevServer(postgres, serve(postgres, overrides));
        } catch (RuntimeException | Error e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Starts one more API server on the same database, e.g. with another configuration; the caller closes it.
     *
     * @param overrides as for {@link #start(Map)}
     */
    public PgapiServer serveAnother(Map<String, String> overrides) {
        return serve(postgres, overrides);
    }

    /**
     * The configuration an API server on this database would have.
     *
     * @param overrides as for {@link #start(Map)}
     */
    public RuntimeConfig configuration(Map<String, String> overrides) {
        return configuration(postgres, overrides);
    }

    private static PgapiServer serve(EmbeddedPostgres postgres, Map<String, String> overrides) {
        return PgapiServer.start(configuration(postgres, overrides), ApiRouting::new);
    }

    private static RuntimeConfig configuration(EmbeddedPostgres postgres, Map<String, String> overrides) {
        var env = new HashMap<>(System.getenv());
        env.put("PGRST_DB_URI", "postgres://authenticator:authenticator@localhost:" + postgres.getPort() + "/postgres");
        env.putAll(overrides);
        return RuntimeConfig.load(configFile(), env);
    }

    /** {@code pgapi.conf} next to the project, whether started from the project or the repository root. */
    private static Path configFile() {
        for (Path candidate : new Path[] {Path.of("pgapi.conf"), Path.of("example-project", "pgapi.conf")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("pgapi.conf not found: run from the repository or example-project folder");
    }

    public int port() {
        return server.port();
    }

    /** A JDBC URL for the superuser, for tests that inspect or change data behind the API. */
    public String adminJdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        server.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
