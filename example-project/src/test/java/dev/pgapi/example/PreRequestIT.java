package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.PgapiServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a db-pre-request function can answer, over HTTP: the test-only hook {@code hooks.probe_request}
 * (src/test/resources/db/migration) does what the {@code X-Probe} header asks, after the example's own ban check.
 */
class PreRequestIT {

    private static PgapiServer server;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = Api.serve(Map.of("PGRST_DB_PRE_REQUEST", "hooks.probe_request"));
        api = Api.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> probe(String probe) throws Exception {
        return api.send(api.request("/books?select=id&id=eq.1").header("X-Probe", probe), null);
    }

    @Test
    void passingHookLeavesTheResponseAlone() throws Exception {
        var res = probe("none");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"id\":1}]");
    }

    @Test
    void raiseWithHintIs400() throws Exception {
        String dave = Api.shared().login("dave@example.com", "dave-password");
        var res = api.get("/books", dave);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"P0001\",\"details\":null,\"hint\":\"Contact support\","
                        + "\"message\":\"user dave@example.com is banned\"}");
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=P0001");
    }

    @Test
    void ptSqlstateChoosesTheStatus() throws Exception {
        var unauthorized = probe("pt401");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.body())
                .isEqualTo("{\"code\":\"PT401\",\"details\":null,\"hint\":null,\"message\":\"Unauthorized\"}");
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        var forbidden = probe("pt403");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body())
                .isEqualTo("{\"code\":\"PT403\",\"details\":\"not today\",\"hint\":\"try tomorrow\","
                        + "\"message\":\"Forbidden\"}");
        assertThat(forbidden.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=PT403");
    }

    @Test
    void pgrstSqlstateControlsStatusHeadersAndBody() throws Exception {
        var res = probe("pgrst");
        assertThat(res.statusCode()).isEqualTo(332);
        assertThat(res.headers().firstValue("X-Header")).hasValue("str");
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=123");
        assertThat(res.body()).isEqualTo("{\"code\":\"123\",\"details\":\"DEF\",\"hint\":\"XYZ\",\"message\":\"ABC\"}");

        var bad = probe("pgrst-bad");
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(Api.json(bad).get("code").asText()).isEqualTo("PGRST121");
    }

    @Test
    void responseHeadersAndStatusSetBySqlAreHonoured() throws Exception {
        var headers = probe("headers");
        assertThat(headers.statusCode()).isEqualTo(200);
        assertThat(headers.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(headers.headers().allValues("X-Probe")).containsExactly("a", "b");
        assertThat(headers.body()).isEqualTo("[{\"id\":1}]");

        var status = probe("status");
        assertThat(status.statusCode()).isEqualTo(202);
        assertThat(status.body()).isEqualTo("[{\"id\":1}]");
    }

    @Test
    void malformedResponseSettingsArePgrst111AndPgrst112() throws Exception {
        var headers = probe("bad-headers");
        assertThat(headers.statusCode()).isEqualTo(500);
        assertThat(headers.body())
                .isEqualTo(
                        "{\"code\":\"PGRST111\",\"details\":null,\"hint\":null,\"message\":"
                                + "\"response.headers guc must be a JSON array composed of objects with a single key and a string value\"}");
        assertThat(headers.body()).hasSize(157);
        assertThat(headers.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=PGRST111");

        var status = probe("bad-status");
        assertThat(status.statusCode()).isEqualTo(500);
        assertThat(status.body())
                .isEqualTo("{\"code\":\"PGRST112\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"response.status guc must be a valid status code\"}");
        assertThat(status.body()).hasSize(106);
    }

    @Test
    void serviceUnavailableCarriesRetryAfter() throws Exception {
        var res = probe("53000");
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=53000");
    }
}
