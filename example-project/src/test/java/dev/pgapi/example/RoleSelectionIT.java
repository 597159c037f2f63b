package dev.pgapi.example;

import static dev.pgapi.example.Api.json;
import static dev.pgapi.example.Api.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.PgapiServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which role a request runs as, and how each way of failing to get one is answered (PostgREST's texts). */
class RoleSelectionIT {

    private static Api api;
    private static PgapiServer noAnon;
    private static PgapiServer noSecret;

    @BeforeAll
    static void start() throws Exception {
        api = Api.shared();
        noAnon = Api.serve(Map.of("PGRST_DB_ANON_ROLE", ""));
        noSecret = Api.serve(Map.of("PGRST_JWT_SECRET", ""));
    }

    @AfterAll
    static void stop() {
        noAnon.close();
        noSecret.close();
    }

    private static void assertError(HttpResponse<String> res, int status, String body) {
        assertThat(res.statusCode()).isEqualTo(status);
        assertThat(res.body()).isEqualTo(body);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        String code = res.body().substring(9, res.body().indexOf('"', 9));
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=" + code);
    }

    @Test
    void noTokenRunsAsTheAnonymousRole() throws Exception {
        assertThat(api.get("/rpc/whoami", null).body()).isEqualTo("\"anon\"");
    }

    @Test
    void tokenWithoutRoleClaimRunsAsTheAnonymousRole() throws Exception {
        assertThat(api.get("/rpc/whoami", token("{\"email\":\"x@example.com\"}"))
                        .body())
                .isEqualTo("\"anon\"");
        assertThat(api.get("/rpc/whoami", token("{}")).body()).isEqualTo("\"anon\"");
    }

    @Test
    void otherAuthorizationSchemeIsNoToken() throws Exception {
        var res = api.send(api.request("/rpc/whoami").header("Authorization", "Basic Zm9vOmJhcg=="), null);
        assertThat(res.body()).isEqualTo("\"anon\"");
        var lower = api.send(
                api.request("/rpc/whoami").header("Authorization", "bearer " + token("{\"role\":\"alice\"}")), null);
        assertThat(lower.body()).isEqualTo("\"alice\"");
    }

    @Test
    void roleClaimSwitchesRole() throws Exception {
        assertThat(api.get("/rpc/whoami", token("{\"role\":\"bob\"}")).body()).isEqualTo("\"bob\"");
    }

    @Test
    void withoutAnonymousRoleNoTokenIs401Pgrst302() throws Exception {
        var noAnonApi = Api.of(noAnon);
        var res = noAnonApi.get("/books", null);
        assertError(
                res,
                401,
                "{\"code\":\"PGRST302\",\"details\":null,\"hint\":null,\"message\":\"Anonymous access is disabled\"}");
        assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(noAnonApi.get("/rpc/whoami", token("{}")).statusCode())
                .as("no role claim either")
                .isEqualTo(401);
        assertThat(noAnonApi.get("/rpc/whoami", token("{\"role\":\"alice\"}")).body())
                .isEqualTo("\"alice\"");
    }

    @Test
    void invalidTokenIs401WithInvalidTokenChallenge() throws Exception {
        var res = api.get("/books", "not-a-token");
        assertError(
                res,
                401,
                "{\"code\":\"PGRST301\",\"details\":null,\"hint\":null,\"message\":\"Expected 3 parts in JWT; got 1\"}");
        assertThat(res.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"invalid_token\", error_description=\"Expected 3 parts in JWT; got 1\"");

        var expired = api.get("/books", Api.hs256("{\"role\":\"alice\",\"exp\":1446678149}"));
        assertError(expired, 401, "{\"code\":\"PGRST303\",\"details\":null,\"hint\":null,\"message\":\"JWT expired\"}");
        assertThat(expired.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"invalid_token\", error_description=\"JWT expired\"");
    }

    @Test
    void tokenWithoutConfiguredSecretIs500Pgrst300() throws Exception {
        var noSecretApi = Api.of(noSecret);
        var res = noSecretApi.get("/books", token("{\"role\":\"alice\"}"));
        assertError(
                res,
                500,
                "{\"code\":\"PGRST300\",\"details\":null,\"hint\":null,\"message\":\"Server lacks JWT secret\"}");
        assertThat(res.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(noSecretApi.get("/books?id=eq.1&select=id", null).body()).isEqualTo("[{\"id\":1}]");
    }

    @Test
    void roleThatDoesNotExistIs401() throws Exception {
        var res = api.get("/books", token("{\"role\":\"not existing\"}"));
        assertError(
                res,
                401,
                "{\"code\":\"22023\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"role \\\"not existing\\\" does not exist\"}");
        assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void roleNotGrantedToTheAuthenticatorIs403() throws Exception {
        var res = api.get("/books", token("{\"role\":\"mallory\"}"));
        assertError(
                res,
                403,
                "{\"code\":\"42501\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"permission denied to set role \\\"mallory\\\"\"}");
        assertThat(res.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void missingPrivilegeIs401ForAnonymousAnd403ForUsers() throws Exception {
        var anonymous = api.get("/chat", null);
        assertError(
                anonymous,
                401,
                "{\"code\":\"42501\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"permission denied for table chat\"}");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        // a token without role claim still runs as anon: 401 too
        assertThat(api.get("/chat", token("{\"email\":\"a@b.c\"}")).statusCode())
                .isEqualTo(401);

        var carol = api.post("/rpc/login", "{\"email\":\"x\",\"pass\":\"y\"}", token("{\"role\":\"webuser\"}"));
        assertError(
                carol,
                403,
                "{\"code\":\"42501\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"permission denied for function login\"}");
        assertThat(carol.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void tokenIsCheckedBeforeAnythingElse() throws Exception {
        for (String path : new String[] {"/no_such_table", "/rpc/no_such_function", "/books?id=bad", "/a/b/c"}) {
            var res = api.get(path, "a.b.c");
            assertThat(res.statusCode()).as(path).isEqualTo(401);
            assertThat(json(res).get("code").asText()).as(path).isEqualTo("PGRST301");
        }
        assertThat(api.get("/no_such_table", null).statusCode()).isEqualTo(404);
    }
}
