package dev.pgapi.example;

import static dev.pgapi.example.Api.json;
import static dev.pgapi.example.Api.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgapi.runtime.PgapiServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings every request sees in SQL: signed-in users' read back through {@code api.get_guc} (V30), anonymous
 * requests' through the test-only pre-request hook that echoes a setting (V1001), since anon may not call get_guc.
 */
class RequestSettingsIT {

    private static Api api;
    private static Api echo;
    private static PgapiServer echoServer;
    private static PgapiServer oneConnection;
    private static PgapiServer noClaimGucs;
    private static PgapiServer urlRoleClaim;
    private static String carol;

    @BeforeAll
    static void start() throws Exception {
        api = Api.shared();
        echoServer = Api.serve(Api.ECHO_SETTING);
        echo = Api.of(echoServer);
        var single = new HashMap<>(Api.ECHO_SETTING);
        single.put("PGRST_DB_POOL", "1");
        oneConnection = Api.serve(single);
        noClaimGucs = Api.serve(Map.of("PGRST_DB_CLAIM_GUCS", "false"));
        urlRoleClaim = Api.serve(Map.of("PGRST_JWT_ROLE_CLAIM_KEY", "$['https://example.com/role']"));
        carol = api.login("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        echoServer.close();
        oneConnection.close();
        noClaimGucs.close();
        urlRoleClaim.close();
    }

    /** The setting as a JSON value (a string, or null), read by a signed-in user through api.get_guc. */
    private static JsonNode guc(Api on, String name, String token) throws Exception {
        var res = on.get("/rpc/get_guc?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), token);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json(res);
    }

    private static String text(String name, String token) throws Exception {
        return guc(api, name, token).asText();
    }

    /** The setting as an anonymous request (no token, or a token without a role) sees it, through the echo hook. */
    private static JsonNode anonGuc(Api on, String name, String token) throws Exception {
        var res = on.echo(name, token);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("\"anon\"");
        return Api.echoed(res);
    }

    private static String anonText(String name, String token) throws Exception {
        return anonGuc(echo, name, token).asText();
    }

    @Test
    void roleAndSearchPath() throws Exception {
        assertThat(anonText("role", null)).isEqualTo("anon");
        assertThat(text("role", carol)).isEqualTo("webuser");
        assertThat(anonText("search_path", null)).isEqualTo("\"api\", \"public\"");
        assertThat(text("search_path", carol)).isEqualTo("\"api\", \"public\"");
    }

    @Test
    void claimsHoldTheRole() throws Exception {
        assertThat(anonText("request.jwt.claims", null)).isEqualTo("{\"role\":\"anon\"}");
        JsonNode claims = Api.JSON.readTree(text("request.jwt.claims", carol));
        assertThat(claims.get("role").asText()).isEqualTo("webuser");
        assertThat(claims.get("email").asText()).isEqualTo("carol@example.com");
        assertThat(claims.get("exp").isIntegralNumber()).isTrue();
        // no role claim: the anonymous role is inserted
        assertThat(anonText("request.jwt.claims", token("{\"email\":\"x@example.com\"}")))
                .startsWith("{\"email\":\"x@example.com\",\"exp\":")
                .endsWith(",\"role\":\"anon\"}");
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
        String tricky = token(
                "{\"role\":\"bob\",\"n\":1.50,\"big\":123456789012345678901234567890,\"e\":1e3,"
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
        assertThat(text("request.method", carol)).isEqualTo("GET");
        assertThat(text("request.path", carol)).isEqualTo("/rpc/get_guc");
        var post = api.post("/rpc/get_guc", "{\"name\":\"request.method\"}", carol);
        assertThat(post.body()).isEqualTo("\"POST\"");
        assertThat(anonText("request.method", null)).isEqualTo("GET");
        assertThat(anonText("request.path", null)).isEqualTo("/rpc/whoami");
    }

    @Test
    void headersAreLowerCasedWithoutCookieAndWithAuthorization() throws Exception {
        var res = api.send(
                api.request("/rpc/get_guc?name=request.headers")
                        .header("X-Custom-Header", "test")
                        .header("Cookie", "acookie=cookievalue;secondcookie=anothervalue"),
                carol);
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
        var res = api.send(
                api.request("/rpc/get_guc?name=request.cookies")
                        .header("Cookie", "acookie=cookievalue;secondcookie=anothervalue"),
                carol);
        JsonNode cookies = Api.JSON.readTree(json(res).asText());
        assertThat(cookies.get("acookie").asText()).isEqualTo("cookievalue");
        assertThat(cookies.get("secondcookie").asText()).isEqualTo("anothervalue");
        var anon = echo.send(
                echo.request("/rpc/whoami")
                        .header("X-Echo-Setting", "request.cookies")
                        .header("Cookie", "acookie=cookievalue"),
                null);
        assertThat(Api.JSON.readTree(Api.echoed(anon).asText()).get("acookie").asText())
                .isEqualTo("cookievalue");
    }

    @Test
    void appSettingsFromTheConfigurationReachSqlButNotTheProbe() throws Exception {
        // the test-only hook reads any setting: the configured value is there ...
        assertThat(anonText("app.settings.jwt_secret", null)).isEqualTo(Api.SECRET);
        // ... but api.get_guc hands out request settings only, to signed-in users only
        for (String name :
                new String[] {"app.settings.jwt_secret", "APP.SETTINGS.JWT_SECRET", "App.Settings.Jwt_Secret"}) {
            var res = api.get("/rpc/get_guc?name=" + name, carol);
            assertThat(res.statusCode()).isEqualTo(403);
            assertThat(json(res).get("code").asText()).isEqualTo("42501");
            assertThat(res.body()).doesNotContain(Api.SECRET);
        }
    }

    @Test
    void settingsDoNotLeakToTheNextRequestOnTheSameConnection() throws Exception {
        var single = Api.of(oneConnection);
        assertThat(guc(single, "request.jwt.claim.email", carol).asText()).isEqualTo("carol@example.com");
        // the same (only) connection, next request, no token: the value lingers only as ''
        assertThat(anonGuc(single, "request.jwt.claim.email", null).asText()).isEmpty();
        assertThat(anonGuc(single, "request.jwt.claims", null).asText()).isEqualTo("{\"role\":\"anon\"}");
        assertThat(anonGuc(single, "role", null).asText()).isEqualTo("anon");
        assertThat(anonGuc(single, "request.headers", null).asText()).doesNotContain(carol);
    }

    @Test
    void settingsOfTheRoleApply() throws Exception {
        // V30: ALTER ROLE anon SET statement_timeout = '3s'
        assertThat(anonText("statement_timeout", null)).isEqualTo("3s");
        assertThat(text("statement_timeout", carol)).isEqualTo("0");
        // V30: ALTER ROLE bob SET default_transaction_isolation = 'repeatable read'
        String bob = api.login("bob@example.com", "bob-password");
        assertThat(text("transaction_isolation", bob)).isEqualTo("repeatable read");
        assertThat(text("transaction_isolation", carol)).isEqualTo("read committed");
    }

    @Test
    void identityProviderClaimsNeverFailTheRequestAndStayInTheClaims() throws Exception {
        String idp = token("{\"role\":\"webuser\",\"email\":\"idp@example.com\",\"cognito:groups\":[\"admins\"],"
                + "\"custom:tenant\":\"t1\",\"https://example.com/roles\":[\"editor\"],\"x-hasura-user-id\":\"42\","
                + "\"a b\":1,\"app.tenant\":\"t2\"}");
        assertThat(text("role", idp)).isEqualTo("webuser");
        assertThat(text("request.jwt.claim.email", idp)).isEqualTo("idp@example.com");
        assertThat(text("request.jwt.claim.app.tenant", idp)).isEqualTo("t2");
        JsonNode claims = Api.JSON.readTree(text("request.jwt.claims", idp));
        assertThat(claims.get("cognito:groups").get(0).asText()).isEqualTo("admins");
        assertThat(claims.get("custom:tenant").asText()).isEqualTo("t1");
        assertThat(claims.get("https://example.com/roles").get(0).asText()).isEqualTo("editor");
        assertThat(claims.get("x-hasura-user-id").asText()).isEqualTo("42");
        assertThat(claims.get("a b").asInt()).isEqualTo(1);
        // names PostgreSQL refuses as setting names get no per-claim setting
        for (String name :
                new String[] {"cognito:groups", "custom:tenant", "https://example.com/roles", "x-hasura-user-id", "a b"
                }) {
            assertThat(guc(api, "request.jwt.claim." + name, idp).isNull())
                    .as(name)
                    .isTrue();
        }
        // and the same holds for an anonymous request carrying them
        String anonIdp = token("{\"cognito:groups\":[\"guests\"],\"x-hasura-user-id\":\"7\"}");
        assertThat(anonText("request.jwt.claims", anonIdp)).contains("\"cognito:groups\":[\"guests\"]");
        assertThat(api.get("/books?select=id&id=eq.1", anonIdp).statusCode()).isEqualTo(200);
    }

    @Test
    void roleFromAUrlNamedClaim() throws Exception {
        var on = Api.of(urlRoleClaim);
        String t = token("{\"https://example.com/role\":\"webuser\",\"email\":\"carol@example.com\"}");
        assertThat(on.get("/rpc/whoami", t).body()).isEqualTo("\"webuser\"");
        assertThat(guc(on, "role", t).asText()).isEqualTo("webuser");
        JsonNode claims = Api.JSON.readTree(guc(on, "request.jwt.claims", t).asText());
        assertThat(claims.get("role").asText()).isEqualTo("webuser");
        assertThat(claims.get("https://example.com/role").asText()).isEqualTo("webuser");
        // without that claim the request is anonymous, even with a role claim
        assertThat(on.get("/rpc/whoami", token("{\"role\":\"webuser\"}")).body())
                .isEqualTo("\"anon\"");
    }
}
