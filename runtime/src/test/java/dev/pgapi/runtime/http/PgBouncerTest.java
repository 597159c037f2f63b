package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.FunctionInfo;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a real PgBouncer in transaction mode, with {@code db-prepared-statements = false} and fewer server
 * connections than the service's pool, so that consecutive transactions of one pooled connection run on different
 * server sessions. Runs where a {@code pgbouncer} binary is installed (on the PATH or in /usr/sbin); skipped, saying
 * so, elsewhere.
 */
class PgBouncerTest {

    private static final List<FunctionInfo> WHO = List.of(new FunctionInfo(
            "api",
            "who",
            List.of(),
            FunctionInfo.ReturnShape.SCALAR,
            "text",
            FunctionInfo.Volatility.STABLE,
            List.of()));
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedPostgres postgres;
    private Process bouncer;
    private Path dir;
    private ApiRuntime api;
    private WebServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (api != null) {
            api.close();
        }
        if (bouncer != null) {
            bouncer.destroy();
            if (!bouncer.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                bouncer.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void requestsThroughPgBouncerInTransactionModeKeepTheirRoleSettingsAndWritesToThemselves() throws Exception {
        String binary = pgbouncer();
        assumeTrue(binary != null, "pgbouncer is not installed: the PgBouncer integration test is skipped");
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(ReadReplicasTest.SCHEMA + """
                    alter role anon set statement_timeout = '7s';
                    create function api.who() returns text stable language sql
                      as $$ select current_user || ' ' || current_setting('statement_timeout') $$;
                    """);
        }
        serve(startBouncer(binary, postgres.getPort()), routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(ReadReplicasTest.ITEMS), List.of(WHO));
            routing.register(
                    "/items",
                    rules -> rules.get(
                                    "/",
                                    endpoints.handlers(ReadReplicasTest.ITEMS).read())
                            .post(
                                    "/",
                                    endpoints.handlers(ReadReplicasTest.ITEMS).insert()));
            routing.register(
                    "/rpc/who", rules -> rules.get("/", endpoints.handlers(WHO).call()));
            endpoints.fallbacks(routing);
        });

        var tasks = new ArrayList<Callable<List<String>>>();
        for (int client = 0; client < 6; client++) {
            int base = 1000 * (client + 1);
            tasks.add(() -> {
                var wrong = new ArrayList<String>();
                for (int i = 0; i < 20; i++) {
                    var who = get("/rpc/who");
                    if (who.statusCode() != 200 || !who.body().equals("\"anon 7s\"")) {
                        wrong.add("who: " + who.statusCode() + " " + who.body());
                    }
                    var insert = post("/items", "{\"id\":" + (base + i) + ",\"note\":\"n" + i + "\"}");
                    if (insert.statusCode() != 201) {
                        wrong.add("insert: " + insert.statusCode() + " " + insert.body());
                    }
                    var read = get("/items?select=note&id=eq." + (base + i));
                    if (read.statusCode() != 200 || !read.body().equals("[{\"note\":\"n" + i + "\"}]")) {
                        wrong.add("read: " + read.statusCode() + " " + read.body());
                    }
                }
                return wrong;
            });
        }
        var wrong = new ArrayList<String>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<List<String>> f : pool.invokeAll(tasks)) {
                wrong.addAll(f.get());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(get("/items?select=id&id=gte.1000&limit=1&order=id").body()).isEqualTo("[{\"id\":1000}]");
    }

    /**
     * A hand-written endpoint that leaves session state behind, whether it returns or throws: the reset is part of its
     * transaction, so it reaches the server session the state is on (a reset sent after the commit would go to
     * whichever session PgBouncer hands out next), and no later transaction on any session sees the state.
     */
    @Test
    void handWrittenEndpointsLeaveNoSessionStateOnAnyServerSessionBehindPgBouncerInTransactionMode() throws Exception {
        String binary = pgbouncer();
        assumeTrue(binary != null, "pgbouncer is not installed: the PgBouncer integration test is skipped");
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(ReadReplicasTest.SCHEMA);
        }
        var keys = new AtomicInteger();
        serve(startBouncer(binary, postgres.getPort()), routing -> {
            // the generated routing's error handling answers what the hand-written work throws
            api.endpoints(List.of(), List.of()).fallbacks(routing);
            routing.post(
                    "/custom/dirty",
                    (req, res) -> api.transaction(req, res, ctx -> {
                        try (Statement st = ctx.connection().createStatement()) {
                            st.execute("SET app.leak = 'leaked'");
                            st.execute("SELECT pg_advisory_lock(" + keys.incrementAndGet() + ")");
                            st.execute("LISTEN leak");
                            st.execute("DECLARE leak CURSOR WITH HOLD FOR SELECT 1");
                            st.execute("CREATE TEMP TABLE leak (x int)");
                        }
                        if (req.query().contains("fail")) {
                            throw new IllegalStateException("failing on purpose");
                        }
                        return Reply.empty(204);
                    }));
            routing.get(
                    "/custom/probe",
                    (req, res) -> api.transaction(req, res, ctx -> {
                        try (Statement st = ctx.connection().createStatement();
                                ResultSet rs = st.executeQuery("SELECT concat_ws(' ', "
                                        + "nullif(current_setting('app.leak', true), ''), "
                                        + "(SELECT 'advisory lock' FROM pg_locks WHERE locktype = 'advisory' "
                                        + "AND pid = pg_backend_pid() LIMIT 1), "
                                        + "(SELECT 'listening' FROM pg_listening_channels() LIMIT 1), "
                                        + "(SELECT 'cursor' FROM pg_cursors WHERE name = 'leak'), "
                                        + "CASE WHEN to_regclass('pg_temp.leak') IS NOT NULL THEN 'temp table' END)")) {
                            rs.next();
                            return Reply.json(200, "\"" + rs.getString(1) + "\"");
                        }
                    }));
        });

        var tasks = new ArrayList<Callable<List<String>>>();
        for (int client = 0; client < 6; client++) {
            String dirty = client % 2 == 0 ? "/custom/dirty" : "/custom/dirty?fail";
            int expected = client % 2 == 0 ? 204 : 500;
            tasks.add(() -> {
                var wrong = new ArrayList<String>();
                for (int i = 0; i < 20; i++) {
                    var made = post(dirty, "{}");
                    if (made.statusCode() != expected) {
                        wrong.add("dirty: " + made.statusCode() + " " + made.body());
                    }
                    var probe = get("/custom/probe");
                    if (probe.statusCode() != 200 || !probe.body().equals("\"\"")) {
                        wrong.add("probe: " + probe.statusCode() + " " + probe.body());
                    }
                }
                return wrong;
            });
        }
        var wrong = new ArrayList<String>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<List<String>> f : pool.invokeAll(tasks)) {
                wrong.addAll(f.get());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Serves the routes {@code routes} adds with a runtime whose pool of six reaches PostgreSQL through {@code port}. */
    private void serve(int port, HttpFeature routes) {
        api = ApiRuntime.create(RuntimeConfig.load(
                null,
                Map.of(
                        "PGRST_DB_URI", "postgres://authenticator@127.0.0.1:" + port + "/postgres",
                        "PGRST_DB_SCHEMAS", "api",
                        "PGRST_DB_ANON_ROLE", "anon",
                        "PGRST_DB_POOL", "6",
                        "PGRST_DB_PREPARED_STATEMENTS", "false")));
        HttpFeature feature = routing -> {
            routing.addFilter(api.filter());
            routes.setup(routing);
        };
        server = WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.addFeature(feature))
                .build()
                .start();
    }

    /** Starts PgBouncer in transaction mode with two server connections in front of {@code postgresPort}. */
    private int startBouncer(String binary, int postgresPort) throws Exception {
        dir = Files.createTempDirectory("pgapi-pgbouncer");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path ini = dir.resolve("pgbouncer.ini");
        Files.writeString(ini, """
                [databases]
                postgres = host=127.0.0.1 port=%d dbname=postgres
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = trust
                auth_file = %s
                pool_mode = transaction
                default_pool_size = 2
                max_client_conn = 100
                ignore_startup_parameters = extra_float_digits
                """.formatted(postgresPort, port, dir.resolve("users.txt")));
        Files.writeString(dir.resolve("users.txt"), "\"authenticator\" \"\"\n");
        var command = new ArrayList<>(List.of(binary));
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer refuses to run as root; it can drop to another user itself
            command.addAll(List.of("-u", "nobody"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        command.add(ini.toString());
        bouncer = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pgbouncer.log").toFile())
                .start();
        long deadline = System.nanoTime() + ReadReplicasTest.WITHIN.toNanos();
        while (true) {
            try (var probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return port;
            } catch (java.io.IOException e) {
                if (!bouncer.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "PgBouncer did not start: " + Files.readString(dir.resolve("pgbouncer.log")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The {@code pgbouncer} binary on the PATH or in /usr/sbin (where Debian installs it), or null. */
    private static String pgbouncer() {
        var places = new ArrayList<String>(
                List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        places.add("/usr/sbin");
        for (String place : places) {
            if (!place.isEmpty() && Files.isExecutable(Path.of(place, "pgbouncer"))) {
                return Path.of(place, "pgbouncer").toString();
            }
        }
        return null;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
