package dev.pgapi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin server, metrics, access log, log-query and Server-Timing of a running service. */
class OperationsTest {

    private static final String SECRET = "reallyreallyreallyreallyverysafe";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;
    private static PgapiServer server;

    private static final PrintStream STDOUT = System.out;
    /** What the service wrote to standard output during a test (and still writes to the real one). */
    private final StringBuffer stdout = new StringBuffer();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        TestApi.createSchema(postgres.getPostgresDatabase());
        server = PgapiServer.start(
                RuntimeConfig.load(
                        null,
                        Map.of(
                                "PGRST_DB_URI",
                                        "postgres://authenticator@localhost:" + postgres.getPort() + "/postgres",
                                "PGRST_DB_SCHEMAS", "api",
                                "PGRST_DB_ANON_ROLE", "anon",
                                "PGRST_DB_POOL", "2",
                                "PGRST_JWT_SECRET", SECRET,
                                "PGRST_SERVER_PORT", "0",
                                "PGRST_ADMIN_SERVER_PORT", "0",
                                "PGRST_LOG_LEVEL", "info",
                                "PGRST_LOG_QUERY", "true",
                                "PGRST_SERVER_TIMING_ENABLED", "true")),
                TestApi::feature);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
    }

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        stdout.append((char) b);
                        STDOUT.write(b);
                    }
                },
                true,
                StandardCharsets.ISO_8859_1));
    }

    @AfterEach
    void releaseStdout() {
        System.setOut(STDOUT);
    }

    /** The complete lines written to standard output (ASCII in these tests). */
    private List<String> accessLines() {
        String text = stdout.toString();
        return List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\\R"));
    }

    @Test
    void liveAndReadyAnswer200WithEmptyBodiesOnTheAdminPort() throws Exception {
        for (String path : List.of("/live", "/ready")) {
            var res = get(server.adminPort(), path, null);
            assertThat(res.statusCode()).as(path).isEqualTo(200);
            assertThat(res.body()).as(path).isEmpty();
        }
    }

    @Test
    void replicasAnswersAnEmptyJsonArrayWithoutReadReplicas() throws Exception {
        var res = get(server.adminPort(), "/replicas", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(res.body()).isEqualTo("[]");
    }

    @Test
    void theApiIsNotServedOnTheAdminPortNorTheAdminEndpointsOnTheApiPort() throws Exception {
        assertThat(get(server.adminPort(), "/items", null).statusCode()).isEqualTo(404);
        assertThat(get(server.port(), "/ready", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theHealthCheckOfContainersSeesTheServiceReady() throws Exception {
        assertThat(HealthCheck.readyStatus("0.0.0.0", server.adminPort())).isEqualTo(200);
    }

    @Test
    void theReadyOptionOfMainExits0WhenReadyAnd1Otherwise() throws Exception {
        assertThat(readyCheck(server.adminPort())).isZero();
        try (var unused = new java.net.ServerSocket(0)) {
            assertThat(readyCheck(unused.getLocalPort())).isEqualTo(1); // nothing answers HTTP there
        }
    }

    /** Runs {@code PgapiServer.run(--ready)} in a JVM of its own, as a container would. */
    private static int readyCheck(int adminPort) throws Exception {
        String javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        javaCommand,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReadyMain.class.getName(),
                        HealthCheck.READY)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process.environment().put("PGRST_ADMIN_SERVER_PORT", Integer.toString(adminPort));
        process.environment().put("PGRST_SERVER_HOST", "127.0.0.1");
        Process p = process.start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /** A service's generated {@code Main}, for the health check. */
    public static final class ReadyMain {
        public static void main(String[] args) {
            PgapiServer.run(args, TestApi::feature);
        }
    }

    @Test
    void metricsUsePostgrestsNamesInPrometheusTextFormat() throws Exception {
        assertThat(get(server.port(), "/items", token("member")).statusCode()).isEqualTo(200);
        assertThat(get(server.port(), "/items", token("member")).statusCode()).isEqualTo(200);
        assertThat(get(server.port(), "/nothing", null).statusCode()).isEqualTo(404);

        var res = get(server.adminPort(), "/metrics", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = res.body();
        assertThat(text)
                .contains(
                        "pgrst_db_pool_max 2.0",
                        "pgrst_db_pool_available ",
                        "pgrst_db_pool_waiting 0.0",
                        "pgrst_db_pool_timeouts_total 0.0",
                        "# TYPE pgrst_jwt_cache_requests_total counter",
                        "pgrst_jwt_cache_evictions_total 0.0",
                        "jvm_memory_used_bytes",
                        "jvm_threads_live_threads",
                        "jvm_compilation_time_ms_total");
        assertThat(value(text, "pgrst_jwt_cache_requests_total")).isGreaterThanOrEqualTo(2);
        assertThat(value(text, "pgrst_jwt_cache_hits_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "pgapi_http_requests_seconds_count{kind=\"read\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(value(text, "pgapi_http_requests_seconds_count{kind=\"read\",status=\"404\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(text).contains("pgapi_http_requests_seconds_bucket{kind=\"read\",status=\"200\",le=\"0.005\"}");
    }

    @Test
    void eachRequestWritesPostgrestsAccessLineAtLevelInfo() throws Exception {
        var req = HttpRequest.newBuilder(uri(server.port(), "/items?id=eq.1"))
                .header("Authorization", "Bearer " + token("member"))
                .header("Referer", "http://example.com/page")
                .header("User-Agent", "probe/1.0")
                .GET()
                .build();
        var res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        int size = res.body().getBytes(StandardCharsets.UTF_8).length;
        awaitAccessLine("\"GET /items?id=eq.1 ");
        assertThat(accessLines())
                .anySatisfy(line -> assertThat(line)
                        .matches(
                                "127\\.0\\.0\\.1 - member \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                                        + "\"GET /items\\?id=eq\\.1 HTTP/1\\.1\" 200 " + size
                                        + " \"http://example.com/page\" \"probe/1\\.0\""));
    }

    @Test
    void requestsTheApiFilterRejectsAreLoggedWithoutARole() throws Exception {
        assertThat(get(server.port(), "/items?rejected", "not.a.token").statusCode())
                .isEqualTo(401);
        awaitAccessLine("/items?rejected");
        assertThat(accessLines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("127.0.0.1 - - [")
                        .contains("\"GET /items?rejected HTTP/1.1\" 401 "));
    }

    @Test
    void logQueryWritesTheSqlOfAFailedRequestAfterItsAccessLine() throws Exception {
        var res = get(server.port(), "/items?name=match.(unclosed", null);
        assertThat(res.statusCode()).isEqualTo(400);
        awaitAccessLine("SELECT");
        int line = -1;
        List<String> lines = accessLines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"GET /items?name=match.(unclosed HTTP/1.1\" 400")) {
                line = i;
            }
        }
        assertThat(line).as("access line of the failed request in %s", lines).isNotNegative();
        assertThat(lines.get(line)).startsWith("127.0.0.1 - anon [");
        assertThat(lines.get(line + 1)).contains("SELECT").contains("\"api\".\"items\"");
    }

    @Test
    void serverTimingReportsPostgrestsStagesInMilliseconds() throws Exception {
        var res = get(server.port(), "/items", token("member"));
        assertThat(res.headers().firstValue("Server-Timing"))
                .hasValueSatisfying(v -> assertThat(v)
                        .matches(
                                "jwt;dur=\\d+\\.\\d, parse;dur=\\d+\\.\\d, plan;dur=\\d+\\.\\d, transaction;dur=\\d+\\.\\d,"
                                        + " response;dur=\\d+\\.\\d"));
    }

    @Test
    void aServiceWhoseDatabaseIsDownIsLiveButNotReady() throws Exception {
        try (PgapiServer down = PgapiServer.start(
                RuntimeConfig.load(
                        null,
                        Map.of(
                                // nothing listens on port 1
                                "PGRST_DB_URI", "postgres://authenticator@localhost:1/postgres",
                                "PGRST_DB_SCHEMAS", "api",
                                "PGRST_DB_ANON_ROLE", "anon",
                                "PGRST_DB_POOL_ACQUISITION_TIMEOUT", "1",
                                "PGRST_SERVER_PORT", "0",
                                "PGRST_ADMIN_SERVER_PORT", "0")),
                TestApi::feature)) {
            assertThat(get(down.adminPort(), "/live", null).statusCode()).isEqualTo(200);
            var ready = get(down.adminPort(), "/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEmpty();
            assertThat(HealthCheck.readyStatus("127.0.0.1", down.adminPort())).isEqualTo(503);
            // server-timing-enabled is off here: no header
            var res = get(down.port(), "/items", null);
            assertThat(res.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(res.headers().firstValue("Server-Timing")).isEmpty();
        }
    }

    @Test
    void clientsThatGoAwayEarlyLeaveNoWarningNorStackTrace() throws Exception {
        var problems = new CopyOnWriteArrayList<LogRecord>();
        Handler warnings = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                    problems.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(warnings);
        try {
            // gone while the body is still being sent
            abort("POST /rpc/slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"a\":");
            // gone while the database works: the response meets a closed connection
            abort("GET /rpc/slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Thread.sleep(5000); // the function sleeps 4 s before its answer meets the closed connection
            assertThat(problems)
                    .extracting(r -> r.getLoggerName() + ": " + r.getMessage())
                    .isEmpty();
            // no response was sent: neither is counted as one
            assertThat(accessLines()).noneMatch(line -> line.contains("/rpc/slow"));
        } finally {
            root.removeHandler(warnings);
        }
    }

    /** Sends {@code request}, then resets the connection as a client that goes away does. */
    private static void abort(String request) throws Exception {
        try (var socket = new Socket("localhost", server.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(300);
            socket.setSoLinger(true, 0);
        }
    }

    /** Access lines are written once the response is sent: a client may see the response first. */
    private void awaitAccessLine(String part) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (accessLines().stream().noneMatch(l -> l.contains(part)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError(series + " not in\n" + metrics);
    }

    static String token(String role) throws Exception {
        var enc = Base64.getUrlEncoder().withoutPadding();
        String signingInput = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + enc.encodeToString(("{\"role\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + enc.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        var req = HttpRequest.newBuilder(uri(port, path)).GET();
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
