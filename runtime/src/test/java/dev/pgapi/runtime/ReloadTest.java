package dev.pgapi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.auth.Tokens;
import dev.pgapi.runtime.config.ConfigSource;
import dev.pgapi.runtime.http.CuttableProxy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgREST's reloads on a running service: the configuration file, the environment and the in-database
 * configuration ({@code pgrst.*} role settings, {@code db-pre-config}) are read again on {@code NOTIFY pgrst} and
 * {@code SIGUSR2}, so a JWT secret rotates without a restart; {@code reload schema} re-reads the role settings.
 */
class ReloadTest {

    private static final String OLD_SECRET = "an-old-secret-of-at-least-32-characters";
    private static final String NEW_SECRET = "a-new-secret-also-32-characters-or-more";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Bounds every wait for a reload (reloads take milliseconds; this only keeps a broken build from hanging). */
    private static final long PATIENCE_MILLIS = 30_000;

    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    private PgapiServer server;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        TestApi.createSchema(postgres.getPostgresDatabase());
        // as PostgREST's documentation sets it up
        sql("""
                create schema postgrest;
                grant usage on schema postgrest to authenticator;
                create function postgrest.pre_config() returns void language sql as $$
                  select set_config('pgrst.db_max_rows', '1', true) $$;
                """);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        sql("alter role authenticator reset all; alter role authenticator in database postgres reset all;"
                + " alter role anon reset all");
    }

    @Test
    void notifyReloadConfigRotatesTheJwtSecretFromTheDatabase() throws Exception {
        server = start(config(OLD_SECRET, ""));
        assertThat(get("/items", token(OLD_SECRET)).statusCode()).isEqualTo(200);

        sql("alter role authenticator set pgrst.jwt_secret = '" + NEW_SECRET + "'; notify pgrst, 'reload config'");

        awaitStatus("/items", token(NEW_SECRET), s -> s == 200);
        var old = get("/items", token(OLD_SECRET));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).contains("\"code\":\"PGRST301\"");
    }

    @Test
    void theInDatabaseConfigurationAppliesAtStartupWithDatabaseSpecificSettingsWinning() throws Exception {
        sql("alter role authenticator set pgrst.db_max_rows = '5';"
                + " alter role authenticator in database postgres set pgrst.db_max_rows = '1'");
        server = start(config(OLD_SECRET, "db-max-rows = 10\n"));

        assertThat(server.runtime().config().dbMaxRows()).isEqualTo(1);
        assertThat(get("/items", null).body()).isEqualTo("[{\"id\":1,\"name\":\"one\"}]");
    }

    @Test
    void thePreConfigFunctionsSettingsApplyBelowTheRolesOwn() throws Exception {
        server = start(config(OLD_SECRET, "db-pre-config = \"postgrest.pre_config\"\n"));
        assertThat(server.runtime().config().dbMaxRows()).isEqualTo(1);

        sql("alter role authenticator set pgrst.db_max_rows = '2'");
        assertThat(server.runtime().reloadConfig()).isTrue();
        assertThat(server.runtime().config().dbMaxRows()).isEqualTo(2);
    }

    @Test
    void withDbConfigOffTheDatabasesSettingsAreIgnored() throws Exception {
        sql("alter role authenticator set pgrst.db_max_rows = '1'");
        server = start(config(OLD_SECRET, "db-config = false\n"));
        assertThat(server.runtime().config().dbMaxRows()).isNull();
    }

    @Test
    void aChangedFileAppliesOnReloadAndAnInvalidOneKeepsTheRunningConfiguration() throws Exception {
        Path file = config(OLD_SECRET, "");
        server = start(file);
        Files.writeString(file, Files.readString(file).replace(OLD_SECRET, NEW_SECRET) + "db-pool = 7\n");

        assertThat(server.runtime().reloadConfig()).isTrue();
        assertThat(get("/items", token(NEW_SECRET)).statusCode()).isEqualTo(200);
        // the pool is made at startup: its size stays
        assertThat(server.runtime().config().dbPool()).isEqualTo(2);

        Files.writeString(file, "db-max-rows = \"many\"\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(server.runtime().reloadConfig()).isFalse();
        assertThat(get("/items", token(NEW_SECRET)).statusCode()).isEqualTo(200);
    }

    @Test
    void requestsRunningWhileTheConfigurationIsReloadedAllSucceed() throws Exception {
        server = start(config(OLD_SECRET, ""));
        String token = token(OLD_SECRET);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var answered = new java.util.concurrent.atomic.AtomicInteger();
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            boolean signedIn = i % 2 == 0;
            clients.submit(() -> {
                while (!stop.get()) {
                    try {
                        var res = get("/items", signedIn ? token : null);
                        if (res.statusCode() != 200) {
                            failures.add(res.statusCode() + " " + res.body());
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
                return null;
            });
        }
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(server.runtime().reloadConfig()).isTrue();
                assertThat(server.runtime().reloadSchema()).isTrue();
                int before = answered.get();
                long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
                while (answered.get() < before + 4 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
            }
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answered.get()).isGreaterThanOrEqualTo(80);
        assertThat(failures).isEmpty();
    }

    @Test
    void reloadSchemaReadsTheRoleSettingsAgain() throws Exception {
        server = start(config(OLD_SECRET, ""));
        sql("alter role anon set statement_timeout = '50ms'");
        assertThat(server.runtime().reloadSchema()).isTrue();

        var res = get("/rpc/slow", null);
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(res.body()).contains("\"code\":\"57014\"");
    }

    @Test
    void theListenerReconnectsAfterItsConnectionIsKilledAndCatchesUp() throws Exception {
        server = start(config(OLD_SECRET, ""));
        awaitListener();
        sql("select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%'");
        // sent while the listener is away: the reload after reconnecting picks it up
        sql("alter role authenticator set pgrst.jwt_secret = '" + NEW_SECRET + "'");

        awaitStatus("/items", token(NEW_SECRET), s -> s == 200);
    }

    @Test
    void aServiceStartedWhileTheDatabaseIsDownAnswers503UntilItCanReadTheConfiguration() throws Exception {
        sql("alter role authenticator set pgrst.db_max_rows = '1'");
        try (var proxy = new CuttableProxy(postgres.getPort())) {
            proxy.cut();
            server = start(config(OLD_SECRET, "", proxy.port()));
            var res = get("/items", null);
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("\"code\":\"PGRST000\"");
            assertThat(server.runtime().configured()).isFalse();

            proxy.restore();
            awaitStatus("/items", null, s -> s == 200);
            assertThat(get("/items", null).body()).isEqualTo("[{\"id\":1,\"name\":\"one\"}]");
        }
    }

    @Test
    void sigusr2ReloadsTheConfigurationOfTheServiceProcess() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path file = config(OLD_SECRET, "").resolveSibling("process.conf");
        Files.writeString(
                file, Files.readString(dir.resolve("pgapi.conf")).replace("server-port = 0", "server-port = " + port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServiceMain.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitStatus(port, "/items", token(OLD_SECRET), s -> s == 200);
            Files.writeString(file, Files.readString(file).replace(OLD_SECRET, NEW_SECRET));
            assertThat(new ProcessBuilder("kill", "-USR2", Long.toString(process.pid()))
                            .start()
                            .waitFor())
                    .isZero();
            awaitStatus(port, "/items", token(NEW_SECRET), s -> s == 200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A service's generated {@code Main}. */
    public static final class ServiceMain {
        public static void main(String[] args) {
            PgapiServer.run(args, TestApi::feature);
        }
    }

    private PgapiServer start(Path file) {
        return PgapiServer.start(ConfigSource.of(file, Map.of()), TestApi::feature);
    }

    private Path config(String secret, String more) throws Exception {
        return config(secret, more, postgres.getPort());
    }

    private Path config(String secret, String more, int dbPort) throws Exception {
        Path file = dir.resolve("pgapi.conf");
        Files.writeString(file, """
                db-uri = "postgres://authenticator@127.0.0.1:%d/postgres"
                db-schemas = "api"
                db-anon-role = "anon"
                db-pool = 2
                jwt-secret = "%s"
                server-port = 0
                """.formatted(dbPort, secret) + more);
        return file;
    }

    private void awaitListener() throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!listening()) {
            assertThat(System.currentTimeMillis()).as("the listener connects").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean listening() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var rs = c.createStatement()
                        .executeQuery("select count(*) from pg_stat_activity where query like 'LISTEN%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private void awaitStatus(String path, String token, IntPredicate expected) throws Exception {
        awaitStatus(server.port(), path, token, expected);
    }

    private static void awaitStatus(int port, String path, String token, IntPredicate expected) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        int status = -1;
        while (System.currentTimeMillis() < deadline) {
            try {
                status = get(port, path, token).statusCode();
                if (expected.test(status)) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                status = -1;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("still " + status + " for " + path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return get(server.port(), path, token);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String secret) {
        return Tokens.hs256(secret, "{\"role\":\"member\"}");
    }

    private static void sql(String statements) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(statements);
        }
    }
}
