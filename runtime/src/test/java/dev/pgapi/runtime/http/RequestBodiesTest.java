package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Write bodies a JSON parser must refuse, and large ones, through HTTP against a real PostgreSQL. */
class RequestBodiesTest {

    private static final RelationInfo THINGS = new RelationInfo(
            "api",
            "things",
            List.of(
                    new ColumnInfo("id", "bigint", ValueKind.INTEGER, false, true),
                    new ColumnInfo("n", "numeric", ValueKind.NUMERIC, true, false),
                    new ColumnInfo("t", "text", ValueKind.TEXT, true, true)),
            List.of("id"),
            true,
            true,
            true);
    private static final List<FunctionInfo> ECHO = List.of(new FunctionInfo(
            "api",
            "echo",
            List.of(new ParamInfo("n", "numeric", ValueKind.NUMERIC, false, false)),
            FunctionInfo.ReturnShape.SCALAR,
            "numeric",
            FunctionInfo.Volatility.IMMUTABLE,
            List.of()));
    private static final List<FunctionInfo> LENGTH = List.of(new FunctionInfo(
            "api",
            "length",
            List.of(new ParamInfo("items", "json", ValueKind.JSON, false, false)),
            FunctionInfo.ReturnShape.SCALAR,
            "integer",
            FunctionInfo.Volatility.IMMUTABLE,
            List.of()));
    private static final List<FunctionInfo> SAME = List.of(new FunctionInfo(
            "api",
            "same",
            List.of(new ParamInfo("j", "json", ValueKind.JSON, false, false)),
            FunctionInfo.ReturnShape.SCALAR,
            "json",
            FunctionInfo.Volatility.IMMUTABLE,
            List.of()));
    /** 5,000 digits before the point and 1,000 after: beyond a double, within PostgreSQL's numeric. */
    private static final String BIG = "1234567890".repeat(500) + "." + "0987654321".repeat(100);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;
    private static ApiRuntime api;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(AnonApi.ROLES_AND_SCHEMA + """
                    create table api.things (id bigserial primary key, n numeric, t text default 'd');
                    grant select, insert on api.things to anon;
                    grant usage on sequence api.things_id_seq to anon;
                    create function api.echo(n numeric) returns numeric immutable language sql as $$ select n $$;
                    create function api.length(items json) returns int immutable language sql
                      as $$ select json_array_length(items) $$;
                    create function api.same(j json) returns json immutable language sql as $$ select j $$;
                    """);
        }
        RuntimeConfig config = AnonApi.config("localhost", postgres.getPort(), 2);
        api = ApiRuntime.create(config);
        HttpFeature feature = routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(THINGS), List.of(ECHO, LENGTH, SAME));
            routing.addFilter(api.filter());
            routing.register(
                    "/things",
                    rules -> rules.get("/", endpoints.handlers(THINGS).read())
                            .post("/", endpoints.handlers(THINGS).insert()));
            routing.register(
                    "/rpc/echo",
                    rules -> rules.post("/", endpoints.handlers(ECHO).call()));
            routing.register(
                    "/rpc/length",
                    rules -> rules.post("/", endpoints.handlers(LENGTH).call()));
            routing.register(
                    "/rpc/same",
                    rules -> rules.post("/", endpoints.handlers(SAME).call()));
            endpoints.fallbacks(routing);
        };
        server = WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.addFeature(feature))
                .build()
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        api.close();
        postgres.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("truncate api.things");
        }
    }

    @Test
    void invalidUtf8InAJsonBodyIsInvalidJsonAndNothingIsStored() throws Exception {
        byte[] body = {'{', '"', 't', '"', ':', '"', 'a', (byte) 0xE9, 'b', '"', '}'};
        var res = post("/things", "application/json", body);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"Empty or invalid json\"}");
        assertThat(count()).isZero();
    }

    @Test
    void invalidUtf8InACsvBodyIsRefusedAndNothingIsStored() throws Exception {
        byte[] body = {'t', '\n', 'a', (byte) 0xE9, 'b', '\n'};
        var res = post("/things", "text/csv", body);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"The request body is not valid UTF-8\"}");
        assertThat(count()).isZero();
    }

    @Test
    void aFiveThousandDigitNumberIsStoredAndReadBackExactly() throws Exception {
        var res =
                post("/things", "application/json", ("{\"id\":1,\"n\":" + BIG + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(get("/things?select=n").body()).isEqualTo("[{\"n\":" + BIG + "}]");
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement().executeQuery("select n::text from api.things")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(BIG);
        }
    }

    @Test
    void aFiveThousandDigitFunctionArgumentArrivesExactly() throws Exception {
        var res = post("/rpc/echo", "application/json", ("{\"n\":-" + BIG + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("-" + BIG);
        var scaled = post("/rpc/echo", "application/json", "{\"n\":1.50}".getBytes(StandardCharsets.UTF_8));
        assertThat(scaled.body()).as("the scale is kept").isEqualTo("1.50");
    }

    @Test
    void aMillionEmptyObjectsInsertAMillionRowsWithDefaults() throws Exception {
        byte[] body = ("[" + "{},".repeat(999_999) + "{}]").getBytes(StandardCharsets.UTF_8);
        var res = post("/things", "application/json", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(count()).isEqualTo(1_000_000);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement().executeQuery("select count(*) from api.things where t = 'd'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("column defaults").isEqualTo(1_000_000);
        }
    }

    @Test
    void aMillionElementArgumentReachesTheFunctionAndNestedValuesArriveAsSent() throws Exception {
        byte[] body = ("{\"items\":[" + "{},".repeat(999_999) + "{}]}").getBytes(StandardCharsets.UTF_8);
        var res = post("/rpc/length", "application/json", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("1000000");
        String nested = "{\"b\": 1.50, \"a\": [1, \"x\", null, " + BIG + "]}";
        var same = post(
                "/rpc/same",
                "application/json",
                ("[{\"j\": " + nested + "}, {\"ignored\": 1}]").getBytes(StandardCharsets.UTF_8));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(same.body()).isEqualTo(nested);
    }

    private static long count() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement().executeQuery("select count(*) from api.things")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
