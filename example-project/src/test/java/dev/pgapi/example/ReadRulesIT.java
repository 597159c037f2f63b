package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read rules that depend on configuration (db-max-rows, CORS origins) and typed early rejection, whose error texts
 * are compared with what PostgreSQL itself says for the same value.
 */
class ReadRulesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of(
                "PGRST_SERVER_PORT",
                "0",
                "PGRST_DB_MAX_ROWS",
                "2",
                "PGRST_SERVER_CORS_ALLOWED_ORIGINS",
                "https://allowed.example, https://other.example"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void impossibleValuesAreRejectedWithPostgresOwnError() throws Exception {
        String[][] cases = {
            {"small", "smallint", "abc"}, {"small", "smallint", "99999"}, {"id", "integer", "abc"},
            {"id", "integer", "99999999999"}, {"id", "integer", "1.5"}, {"id", "integer", ""},
            {"big", "bigint", "x1"}, {"big", "bigint", "99999999999999999999"}, {"flag", "boolean", "maybe"},
            {"uid", "uuid", "not-a-uuid"}, {"score", "numeric", "abc"}, {"score", "numeric", "1..2"},
        };
        try (Connection db = DriverManager.getConnection(server.adminJdbcUrl())) {
            for (String[] c : cases) {
                String postgres = postgresError(db, c[2], c[1]);
                var res = http.get("/specimens?" + c[0] + "=eq." + URLEncoder.encode(c[2], StandardCharsets.UTF_8));
                assertThat(res.statusCode()).as(c[1] + " " + c[2]).isEqualTo(400);
                JsonNode body = JSON.readTree(res.body());
                assertThat(body.get("code").asText() + " " + body.get("message").asText())
                        .as(c[1] + " " + c[2])
                        .isEqualTo(postgres);
            }
        }
        var list = http.get("/specimens?id=in.(1,x)");
        assertThat(list.body())
                .isEqualTo("{\"code\":\"22P02\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"invalid input syntax for type integer: \\\"x\\\"\"}");
    }

    @Test
    void valuesPostgresAcceptsAreNotRejected() throws Exception {
        for (String value : new String[] {"%201%20", "0x1", "1_0", "+1"}) {
            assertThat(http.get("/specimens?select=id&id=eq." + value).statusCode())
                    .as(value)
                    .isEqualTo(200);
        }
        assertThat(http.get("/specimens?select=id&flag=eq.YES").statusCode()).isEqualTo(200);
        assertThat(http.get("/specimens?select=id&score=eq.NaN").statusCode()).isEqualTo(200);
        assertThat(http.get("/specimens?select=id&uid=eq.%7B00000000000040008000000000000000%7D")
                        .statusCode())
                .isEqualTo(200);
    }

    private static String postgresError(Connection db, String value, String type) {
        try (var ps = db.prepareStatement("select ?::" + type)) {
            ps.setString(1, value);
            ps.executeQuery().close();
            throw new AssertionError(type + " accepted " + value);
        } catch (SQLException e) {
            return e.getSQLState() + " "
                    + ((org.postgresql.util.PSQLException) e)
                            .getServerErrorMessage()
                            .getMessage();
        }
    }

    @Test
    void maxRowsCapsEveryLevel() throws Exception {
        var res = http.get("/authors?select=id,books(id)&order=id&books.order=id");
        assertThat(res.body())
                .isEqualTo("[{\"id\":1,\"books\":[{\"id\": 1}, {\"id\": 2}]}, \n"
                        + " {\"id\":2,\"books\":[{\"id\": 3}, {\"id\": 4}]}]");
        var counted = http.get("/books?select=id", "Prefer", "count=exact");
        assertThat(counted.statusCode()).isEqualTo(206);
        assertThat(counted.headers().firstValue("Content-Range")).hasValue("0-1/6");
        var estimated = http.get("/books?select=id", "Prefer", "count=estimated");
        assertThat(estimated.headers().firstValue("Preference-Applied")).hasValue("count=estimated");
        assertThat(estimated.headers().firstValue("Content-Range").orElseThrow())
                .matches("0-1/[0-9]+");
    }

    @Test
    void corsForAnAllowedOrigin() throws Exception {
        var preflight = http.send(
                "OPTIONS",
                "/books",
                "Origin",
                "https://allowed.example",
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "Foo,Bar");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://allowed.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValue("GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Authorization, Foo, Bar, Accept, Accept-Language, Content-Language");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("86400");
        var read = http.get("/books?id=eq.1&select=id", "Origin", "https://other.example");
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://other.example");
        assertThat(read.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValue("Content-Encoding,"
                        + " Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding,"
                        + " Range-Unit");
        var denied = http.get("/books?id=eq.1", "Origin", "https://evil.example");
        assertThat(denied.statusCode()).isEqualTo(200);
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void optionsCarriesVary() throws Exception {
        var res = http.send("OPTIONS", "/books");
        assertThat(res.headers().firstValue("Vary")).hasValue("Accept, Prefer, Range");
        assertThat(res.headers().firstValue("Allow")).hasValue("OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE");
    }
}
