package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.error.ApiErrors;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime behind a hand-written feature shaped like generated code, mounted in a user's own Helidon routing
 * next to the user's routes.
 */
class MountedApiTest {

    private static final RelationInfo ITEMS = new RelationInfo(
            "api",
            "items",
            List.of(
                    new ColumnInfo("id", "integer", ValueKind.INTEGER, false, false),
                    new ColumnInfo("name", "text", ValueKind.TEXT, true, false)),
            List.of("id"),
            true,
            true,
            true);
    private static final List<FunctionInfo> BUMP = List.of(new FunctionInfo(
            "api",
            "bump",
            List.of(),
            FunctionInfo.ReturnShape.SCALAR,
            "bigint",
            FunctionInfo.Volatility.VOLATILE,
            List.of()));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;
    private static ApiRuntime api;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(AnonApi.ROLES_AND_SCHEMA + """
                    create table api.items (id int primary key, name text);
                    insert into api.items values (1, 'one'), (2, 'two');
                    grant select on api.items to anon;
                    create sequence api.counter;
                    grant usage on sequence api.counter to anon;
                    create function api.bump() returns bigint language sql as $$ select nextval('api.counter') $$;
                    """);
        }
        RuntimeConfig config = AnonApi.config("localhost", postgres.getPort(), 2);
        api = ApiRuntime.create(config);
        HttpFeature feature = routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(ITEMS), List.of(BUMP));
            routing.addFilter(api.filter());
            routing.register(
                    "/items", rules -> rules.get("/", endpoints.handlers(ITEMS).read()));
            routing.register(
                    "/rpc/bump",
                    rules -> rules.get("/", endpoints.handlers(BUMP).call())
                            .post("/", endpoints.handlers(BUMP).call()));
            endpoints.fallbacks(routing);
        };
        server = WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.get("/health", (req, res) -> res.send("ok"))
                        .addFeature(feature)
                        .get("/refused", (req, res) -> {
                            throw ApiErrors.putLimit();
                        }))
                .build()
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        api.close();
        postgres.close();
    }

    @Test
    void userRoutesLiveNextToTheGeneratedApi() throws Exception {
        assertThat(get("/health").body()).isEqualTo("ok");
        assertThat(get("/items?order=id.desc").body())
                .isEqualTo("[{\"id\":2,\"name\":\"two\"}, \n {\"id\":1,\"name\":\"one\"}]");
    }

    @Test
    void anApiErrorThrownByAUserRouteIsAnsweredInPostgrestsShape() throws Exception {
        var res = get("/refused");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.headers().firstValue("Content-Type")).hasValue(Responses.JSON);
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=PGRST114");
        assertThat(res.body()).startsWith("{\"code\":\"PGRST114\",");
    }

    @Test
    void getRunsReadOnlySoAWritingFunctionIs405() throws Exception {
        var res = get("/rpc/bump");
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"25006\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"cannot execute nextval() in a read-only transaction\"}");
    }

    @Test
    void postOnAVolatileFunctionMayWrite() throws Exception {
        var res = HTTP.send(
                HttpRequest.newBuilder(uri("/rpc/bump"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).matches("[0-9]+");
    }

    @Test
    void transactionLocalSettingsDoNotLeakIntoTheNextRequestOnThePool() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("/items?id=eq.1&select=name").body()).isEqualTo("[{\"name\":\"one\"}]");
        }
        try (Connection c = api.database().authenticatorDataSourceBypassingRls().getConnection()) {
            var rs = c.createStatement()
                    .executeQuery("select current_user, current_setting('request.jwt.claims', true)");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("authenticator");
            assertThat(rs.getString(2)).isNullOrEmpty();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
