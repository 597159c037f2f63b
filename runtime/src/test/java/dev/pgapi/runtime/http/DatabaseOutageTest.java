package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service while PostgreSQL is unreachable: a proxy between them is cut (connections refused, open ones dropped)
 * and restored. The bounds are generous liveness bounds: the point is that nothing waits for the pool's timeout.
 */
class DatabaseOutageTest {

    private static final RelationInfo ITEMS = new RelationInfo(
            "api",
            "items",
            List.of(new ColumnInfo("id", "integer", ValueKind.INTEGER, false, false)),
            List.of("id"),
            true,
            true,
            true);
    private static final List<FunctionInfo> TIMEOUT = List.of(new FunctionInfo(
            "api",
            "timeout",
            List.of(),
            FunctionInfo.ReturnShape.SCALAR,
            "text",
            FunctionInfo.Volatility.STABLE,
            List.of()));
    /** Far below the 10 s acquisition timeout a request waited before. */
    private static final Duration FAST = Duration.ofSeconds(3);

    private static final Duration BACK_WITHIN = Duration.ofSeconds(5);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedPostgres postgres;

    private CuttableProxy proxy;
    private ApiRuntime api;
    private WebServer server;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("""
                    create role authenticator login noinherit;
                    create role anon nologin;
                    grant anon to authenticator;
                    alter role anon set statement_timeout = '4s';
                    create schema api;
                    grant usage on schema api to anon;
                    create table api.items (id int primary key);
                    insert into api.items values (1);
                    grant select on api.items to anon;
                    create function api.timeout() returns text stable language sql
                      as $$ select current_setting('statement_timeout') $$;
                    """);
        }
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    private void startService() throws Exception {
        RuntimeConfig config = AnonApi.config("127.0.0.1", proxy.port(), 4);
        api = ApiRuntime.create(config);
        HttpFeature feature = routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(ITEMS), List.of(TIMEOUT));
            routing.addFilter(api.filter());
            routing.register(
                    "/items", rules -> rules.get("/", endpoints.handlers(ITEMS).read()));
            routing.register(
                    "/rpc/timeout",
                    rules -> rules.get("/", endpoints.handlers(TIMEOUT).call()));
            endpoints.fallbacks(routing);
        };
        server = WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.addFeature(feature))
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (api != null) {
            api.close();
        }
        proxy.close();
    }

    @Test
    void whileTheDatabaseIsDownRequestsAnswer503AtOnceAndTheFirstRequestAfterItIsBackSucceeds() throws Exception {
        proxy = new CuttableProxy(postgres.getPort());
        startService();
        assertThat(get("/items").statusCode()).isEqualTo(200);
        assertThat(api.database().reachable()).isTrue();

        proxy.cut();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            var res = get("/items");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("answered at once")
                    .isLessThan(FAST);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
            // the request that finds its connection broken is PGRST001, those that cannot connect PGRST000
            assertThat(res.body())
                    .matches("\\{\"code\":\"PGRST00[01]\",\"details\":.*,\"hint\":null,"
                            + "\"message\":\"Database (connection|client) error\\. Retrying the connection\\.\"}");
            assertThat(res.headers().firstValue("Retry-After")).isPresent();
        }
        var down = get("/items");
        assertThat(down.body()).startsWith("{\"code\":\"PGRST000\"");
        assertThat(api.database().reachable()).isFalse();

        proxy.restore();
        Duration back = untilOk("/items");
        assertThat(back).as("first 200 after the database is back").isLessThan(BACK_WITHIN);
        assertThat(api.database().reachable()).isTrue();
    }

    @Test
    void startingWhileTheDatabaseIsDownAnswersConcurrentRequestsAtOnceNotOneAfterAnother() throws Exception {
        proxy = new CuttableProxy(postgres.getPort());
        proxy.cut();
        startService();

        var tasks = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < 6; i++) {
            tasks.add(() -> get("/rpc/timeout"));
        }
        long start = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(tasks)) {
                answers.add(f.get());
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("all six answered")
                .isLessThan(FAST);
        for (var res : answers) {
            assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
            assertThat(res.body()).startsWith("{\"code\":\"PGRST000\"");
        }
        assertThat(api.database().reachable()).isFalse();

        proxy.restore();
        assertThat(untilOk("/rpc/timeout")).isLessThan(BACK_WITHIN);
        assertThat(get("/rpc/timeout").body())
                .as("the role's settings, read once it was back")
                .isEqualTo("\"4s\"");
    }

    /** Time until a request answers 200, asking every 50 ms; fails on any answer but 200 or 503. */
    private Duration untilOk(String path) throws Exception {
        long start = System.nanoTime();
        while (true) {
            var res = get(path);
            if (res.statusCode() == 200) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BACK_WITHIN.multipliedBy(2));
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
