package dev.pgapi.example;

import static dev.pgapi.example.Api.json;
import static dev.pgapi.example.Api.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgapi.runtime.PgapiServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settings every request sees in SQL, read back through {@code api.get_guc} (V30). */
class RequestSettingsIT {

    private static Api api;
    private static PgapiServer oneConnection;
    private static PgapiServer noClaimGucs;
    private static String carol;

    @BeforeAll
    static void start() throws Exception {
        api = Api.shared();
        oneConnection = Api.serve(Map.of("PGRST_DB_POOL", "1"));
        noClaimGucs = Api.serve(Map.of("PGRST_DB_CLAIM_GUCS", "false"));
        carol = api.login("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        oneConnection.close();
        noClaimGucs.close();
    }

    /** The setting as a JSON value: a string, or null. */
    private static JsonNode guc(Api on, String name, String token) throws Exception {
        var res = on.get("/rpc/get_guc?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), token);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json(res);
    }

    private static String text(String name, String token) throws Exception {
        return guc(api, name, token).asText();
    }

    @Test
    void roleAndSearchPath() throws Exception {
        assertThat(text("role", null)).isEqualTo("anon");
        assertThat(text("role", carol)).isEqualTo("webuser");
        assertThat(text("search_path", null)).isEqualTo("\"api\", \"public\"");
    }

    @Test
    void claimsHoldTheRole() throws Exception {
        assertThat(text("request.jwt.claims", null)).isEqualTo("{\"role\":\"anon\"}");
        JsonNode claims = Api.JSON.readTree(text("request.jwt.claims", carol));
        assertThat(claims.get("role").asText()).isEqualTo("webuser");
        assertThat(claims.get("email").asText()).isEqualTo("carol@example.com");
        assertThat(claims.get("exp").isIntegralNumber()).isTrue();
        // no role claim: the anonymous role is inserted
        assertThat(text("request.jwt.claims", token("{\"email\":\"x@example.com\"}")))
                .startsWith("{\"email\":\"x@example.com\",\"exp\":").endsWith(",\"role\":\"anon\"}");
    }

    @Test
    void oneSettingPerClaim() throws Exception {
        assertThat(text("request.jwt.claim.email", carol)).isEqualTo("carol@example.com");
        assertThat(text("request.jwt.claim.role", carol)).isEqualTo("webuser");
        assertThat(text("request.jwt.claim.nested", token("{\"role\":\"bob\",\"nested\":{\"a\":[1,2]}}")))
                .isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void perClaimSettingsAreWhatJsonEachTextMakesOfTheClaims() throws Exception {
        String tricky = token("{\"role\":\"bob\",\"n\":1.50,\"big\":123456789012345678901234567890,\"e\":1e3,"
                + "\"t\":true,\"z\":null,\"s\":\"\u00e9 \\\"q\\\" \\\\ \\n\",\"o\":{\"b\":1,\"a\":[null,\"x\",{}]},\"l\":[]}");
        String claims = text("request.jwt.claims", tricky);
        try (var c = java.sql.DriverManager.getConnection(Api.adminJdbcUrl());
             var ps = c.prepareStatement("SELECT key, value FROM json_each_text(?::json)")) {
            ps.setString(1, claims);
            int checked = 0;
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode setting = guc(api, "request.jwt.claim." + rs.getString(1), tricky);
                    String expected = rs.getString(2);
                    // a null claim leaves the setting empty, as set_config(name, NULL, true) does
                    assertThat(setting.asText()).as(rs.getString(1)).isEqualTo(expected == null ? "" : expected);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(10);
        }
    }

    @Test
    void perClaimSettingsCanBeTurnedOff() throws Exception {
        var off = Api.of(noClaimGucs);
        assertThat(guc(off, "request.jwt.claim.email", carol).isNull()).isTrue();
        assertThat(guc(off, "request.jwt.claims", carol).asText()).contains("carol@example.com");
    }

    @Test
    void methodAndPath() throws Exception {
        assertThat(text("request.method", null)).isEqualTo("GET");
        assertThat(text("request.path", null)).isEqualTo("/rpc/get_guc");
        var post = api.post("/rpc/get_guc", "{\"name\":\"request.method\"}", null);
        assertThat(post.body()).isEqualTo("\"POST\"");
    }

    @Test
    void headersAreLowerCasedWithoutCookieAndWithAuthorization() throws Exception {
        var res = api.send(api.request("/rpc/get_guc?name=request.headers")
                .header("X-Custom-Header", "test")
                .header("Cookie", "acookie=cookievalue;secondcookie=anothervalue"), carol);
        JsonNode headers = Api.JSON.readTree(json(res).asText());
        assertThat(headers.get("x-custom-header").asText()).isEqualTo("test");
        assertThat(headers.get("authorization").asText()).isEqualTo("Bearer " + carol);
        assertThat(headers.has("cookie")).isFalse();
        var names = new ArrayList<String>();
        headers.fieldNames().forEachRemaining(names::add);
        assertThat(names).allMatch(n -> n.equals(n.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void cookies() throws Exception {
        var res = api.send(api.request("/rpc/get_guc?name=request.cookies")
                .header("Cookie", "acookie=cookievalue;secondcookie=anothervalue"), null);
        JsonNode cookies = Api.JSON.readTree(json(res).asText());
        assertThat(cookies.get("acookie").asText()).isEqualTo("cookievalue");
        assertThat(cookies.get("secondcookie").asText()).isEqualTo("anothervalue");
    }

    @Test
    void appSettingsFromTheConfiguration() throws Exception {
        assertThat(text("app.settings.jwt_secret", null)).isEqualTo(Api.SECRET);
    }

    @Test
    void settingsDoNotLeakToTheNextRequestOnTheSameConnection() throws Exception {
        var single = Api.of(oneConnection);
        assertThat(guc(single, "request.jwt.claim.email", carol).asText()).isEqualTo("carol@example.com");
        // the same (only) connection, next request, no token: the value lingers only as ''
        assertThat(guc(single, "request.jwt.claim.email", null).asText()).isEmpty();
        assertThat(guc(single, "request.jwt.claims", null).asText()).isEqualTo("{\"role\":\"anon\"}");
        assertThat(guc(single, "role", null).asText()).isEqualTo("anon");
        assertThat(guc(single, "request.headers", null).asText()).doesNotContain(carol);
    }

    @Test
    void settingsOfTheRoleApply() throws Exception {
        // V30: ALTER ROLE anon SET statement_timeout = '3s'
        assertThat(text("statement_timeout", null)).isEqualTo("3s");
        assertThat(text("statement_timeout", carol)).isEqualTo("0");
        // V30: ALTER ROLE bob SET default_transaction_isolation = 'repeatable read'
        String bob = api.login("bob@example.com", "bob-password");
        assertThat(text("transaction_isolation", bob)).isEqualTo("repeatable read");
        assertThat(text("transaction_isolation", carol)).isEqualTo("read committed");
    }
}
