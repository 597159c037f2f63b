package dev.pgapi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pgapi.runtime.config.RuntimeConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenTelemetry spans of a running service, caught by an in-memory exporter. */
class TracingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static EmbeddedPostgres postgres;
    private static PgapiServer server;
    private static InMemorySpanExporter spans;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        TestApi.createSchema(postgres.getPostgresDatabase());
        try (var c = postgres.getPostgresDatabase().getConnection()) {
            // a role that may not read api.items, and one whose statements time out before api.slow() returns
            c.createStatement().execute("""
                    create role outsider nologin;
                    create role impatient nologin;
                    grant outsider, impatient to authenticator;
                    grant usage on schema api to impatient;
                    grant execute on function api.slow() to impatient;
                    alter role impatient set statement_timeout = '200ms';
                    """);
        }
        // the standard OTEL_* settings (here as system properties) win over pgapi's keys
        System.setProperty("otel.traces.exporter", "memory");
        System.setProperty("otel.bsp.schedule.delay", "10");
        try {
            server = PgapiServer.start(
                    config(Map.of(
                            "PGRST_OTEL_ENABLED",
                            "true",
                            "PGRST_OTEL_SERVICE_NAME",
                            "items-service",
                            "PGRST_OTEL_DB_STATEMENT",
                            "true")),
                    TestApi::feature);
        } finally {
            System.clearProperty("otel.traces.exporter");
            System.clearProperty("otel.bsp.schedule.delay");
        }
        spans = MemorySpanExporterProvider.latest();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
    }

    private static RuntimeConfig config(Map<String, String> more) {
        var env = new HashMap<>(Map.of(
                "PGRST_DB_URI", "postgres://authenticator@localhost:" + postgres.getPort() + "/postgres",
                "PGRST_DB_SCHEMAS", "api",
                "PGRST_DB_ANON_ROLE", "anon",
                "PGRST_DB_POOL", "2",
                "PGRST_JWT_SECRET", "reallyreallyreallyreallyverysafe",
                "PGRST_SERVER_PORT", "0"));
        env.putAll(more);
        return RuntimeConfig.load(null, env);
    }

    @Test
    void aRequestHasAServerSpanWithHttpAttributesAndAChildSpanForItsDatabaseRoundTrip() throws Exception {
        String token = OperationsTest.token("member");
        var res = send(server.port(), "/items?id=eq.1&select=id,name", Map.of("Authorization", "Bearer " + token));
        assertThat(res.statusCode()).isEqualTo(200);

        SpanData request = await(s -> s.getKind() == SpanKind.SERVER
                && "/items".equals(s.getAttributes().get(key("url.path")))
                && "member".equals(s.getAttributes().get(key("pgapi.role"))));
        assertThat(request.getName()).isEqualTo("GET /items");
        assertThat(request.getAttributes().get(key("http.request.method"))).isEqualTo("GET");
        assertThat(request.getAttributes().get(key("http.route"))).isEqualTo("/items");
        assertThat(request.getAttributes().get(key("url.scheme"))).isEqualTo("http");
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(request.getResource().getAttribute(SERVICE_NAME)).isEqualTo("items-service");
        assertThat(request.getAttributes().asMap().values())
                .noneSatisfy(v -> assertThat(v.toString()).contains(token.substring(0, 20)));

        SpanData database = await(s -> s.getParentSpanId().equals(request.getSpanId()));
        assertThat(database.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(database.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(database.getAttributes().get(key("db.system.name"))).isEqualTo("postgresql");
        assertThat(database.getAttributes().get(key("db.query.text")))
                .contains("\"api\".\"items\"")
                .doesNotContain("eq.1");
        assertThat(database.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void anIncomingTraceparentIsContinued() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        var res = send(server.port(), "/items", Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertThat(res.statusCode()).isEqualTo(200);

        SpanData request =
                await(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
        assertThat(request.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(request.getParentSpanContext().isRemote()).isTrue();
        assertThat(request.getAttributes().get(key("pgapi.role"))).isEqualTo("anon");
        assertThat(await(s -> s.getKind() == SpanKind.CLIENT && s.getTraceId().equals(traceId))
                        .getParentSpanId())
                .isEqualTo(request.getSpanId());
    }

    @Test
    void aDatabaseErrorMarksTheDatabaseSpanAsFailedWithItsSqlstate() throws Exception {
        var res = send(server.port(), "/items", Map.of("Authorization", "Bearer " + OperationsTest.token("outsider")));
        assertThat(res.statusCode()).isEqualTo(403);

        SpanData request = await(s -> s.getKind() == SpanKind.SERVER
                && "outsider".equals(s.getAttributes().get(key("pgapi.role"))));
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(403L);
        assertThat(request.getStatus().getStatusCode())
                .as("a 4xx is the client's error")
                .isEqualTo(StatusCode.UNSET);
        SpanData database = await(s -> s.getParentSpanId().equals(request.getSpanId()));
        assertThat(database.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(database.getAttributes().get(key("db.response.status_code"))).isEqualTo("42501");
        assertThat(database.getAttributes().get(key("error.type"))).isEqualTo("42501");
    }

    @Test
    void aServerErrorMarksBothSpansAsFailed() throws Exception {
        String token = OperationsTest.token("impatient");
        var res = send(server.port(), "/rpc/slow", Map.of("Authorization", "Bearer " + token));
        assertThat(res.statusCode()).isEqualTo(500);

        SpanData request = await(s -> s.getKind() == SpanKind.SERVER
                && "impatient".equals(s.getAttributes().get(key("pgapi.role"))));
        assertThat(request.getName()).isEqualTo("GET /rpc/slow");
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(request.getAttributes().get(key("error.type"))).isEqualTo("500");
        SpanData database = await(s -> s.getParentSpanId().equals(request.getSpanId()));
        assertThat(database.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(database.getAttributes().get(key("db.response.status_code"))).isEqualTo("57014");
    }

    @Test
    void aPathTheApiDoesNotServeNamesTheSpanByItsMethodOnly() throws Exception {
        assertThat(send(server.port(), "/no_such_table", Map.of()).statusCode()).isEqualTo(404);

        SpanData request = await(s -> "/no_such_table".equals(s.getAttributes().get(key("url.path"))));
        assertThat(request.getName()).isEqualTo("GET");
        assertThat(request.getAttributes().get(key("http.route"))).isNull();
    }

    @Test
    void spansAreSentWithOtlpOverHttpToTheConfiguredEndpoint() throws Exception {
        var received = new LinkedBlockingQueue<String>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                            + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
            try (PgapiServer exporting = PgapiServer.start(
                    config(Map.of(
                            "PGRST_OTEL_ENABLED",
                            "true",
                            "PGRST_OTEL_EXPORTER_OTLP_ENDPOINT",
                            endpoint,
                            "PGRST_OTEL_SERVICE_NAME",
                            "exported-service")),
                    TestApi::feature)) {
                assertThat(send(exporting.port(), "/items", Map.of()).statusCode())
                        .isEqualTo(200);
            } // stopping the service sends the spans not sent yet
            String export = received.poll(30, TimeUnit.SECONDS);
            assertThat(export)
                    .startsWith("POST /v1/traces application/x-protobuf ")
                    .contains("exported-service", "GET /items", "postgresql");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void withTracingOffNoOpenTelemetrySdkIsStarted() throws Exception {
        System.setProperty("otel.traces.exporter", "memory");
        try (PgapiServer untraced = PgapiServer.start(config(Map.of()), TestApi::feature)) {
            assertThat(send(untraced.port(), "/items", Map.of()).statusCode()).isEqualTo(200);
            assertThat(MemorySpanExporterProvider.latest())
                    .as("no exporter was configured")
                    .isSameAs(spans);
        } finally {
            System.clearProperty("otel.traces.exporter");
        }
    }

    private static AttributeKey<String> key(String name) {
        return AttributeKey.stringKey(name);
    }

    /** The first exported span that matches, waiting while the batch is sent. */
    private static SpanData await(Predicate<SpanData> matches) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<SpanData> found =
                    spans.getFinishedSpanItems().stream().filter(matches).toList();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such span among " + spans.getFinishedSpanItems());
    }

    private static HttpResponse<String> send(int port, String pathAndQuery, Map<String, String> headers)
            throws Exception {
        var req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .GET();
        headers.forEach(req::header);
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
