package dev.pgapi.example;

import static dev.pgapi.example.ApiClient.header;
import static dev.pgapi.example.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code db-tx-end = rollback-allow-override}, as PostgREST's own test suite runs: nothing persists unless the
 * request sends {@code Prefer: tx=commit}. Also a small {@code server-max-body-size}.
 */
class TransactionIT {

    private static DevServer server;
    private static ApiClient carol;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of(
                "PGRST_SERVER_PORT",
                "0",
                "PGRST_DB_TX_END",
                "rollback-allow-override",
                "PGRST_SERVER_MAX_BODY_SIZE",
                "2000"));
        carol = new ApiClient(server.port(), null).as("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void writesRollBackByDefault() throws Exception {
        var res = carol.send(
                "POST", "/gadgets?select=sku", "{\"sku\":\"RB-1\",\"name\":\"a\"}", "Prefer", "return=representation");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"RB-1\"}]");
        assertThat(header(res, "Preference-Applied")).isEqualTo("return=representation");
        assertThat(carol.get("/gadgets?sku=eq.RB-1").body()).isEqualTo("[]");
    }

    @Test
    void txCommitPersistsAndIsEchoed() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"RB-2\",\"name\":\"a\"}", "Prefer", "tx=commit");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Preference-Applied")).isEqualTo("tx=commit");
        assertThat(carol.get("/gadgets?select=sku&sku=eq.RB-2").body()).isEqualTo("[{\"sku\":\"RB-2\"}]");

        var deleted = carol.send("DELETE", "/gadgets?sku=eq.RB-2", null, "Prefer", "tx=rollback");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(header(deleted, "Preference-Applied")).isEqualTo("tx=rollback");
        assertThat(carol.get("/gadgets?select=sku&sku=eq.RB-2").body()).isEqualTo("[{\"sku\":\"RB-2\"}]");
    }

    @Test
    void txPreferenceIsHonouredAndEchoedOnReadsAndCalls() throws Exception {
        var read = carol.get("/gadgets?select=sku&sku=eq.G-1", "Prefer", "tx=commit, count=exact");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("[{\"sku\":\"G-1\"}]");
        assertThat(header(read, "Preference-Applied")).isEqualTo("count=exact, tx=commit");

        var call = carol.get("/rpc/get_guc?name=role", "Prefer", "tx=rollback");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).isEqualTo("\"webuser\"");
        assertThat(header(call, "Preference-Applied")).isEqualTo("tx=rollback");
    }

    @Test
    void deferredConstraintIsCheckedBeforeRollingBack() throws Exception {
        var res = carol.send("POST", "/seats", "{\"id\":200,\"seat\":2}", "Prefer", "tx=rollback");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(json(res).get("code").asText()).isEqualTo("23505");
        assertThat(header(res, "Preference-Applied")).isNull();
    }

    @Test
    void maxAffectedViolationRollsBackEvenWithTxCommit() throws Exception {
        var res = carol.send("DELETE", "/languages", null, "Prefer", "tx=commit, handling=strict, max-affected=1");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST124");
        assertThat(json(carol.get("/languages?select=name&name=in.(C,Java,Python)"))
                        .size())
                .isEqualTo(3);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        var res = carol.send("POST", "/gadgets", "[" + "{\"sku\":\"BIG\",\"name\":\"x\"},".repeat(100) + "{}]");
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST413\",\"details\":\"The request body is larger than the"
                        + " server-max-body-size of 2000 bytes\",\"hint\":null,\"message\":\"Payload too large\"}");
        assertThat(header(res, "Content-Type")).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("[" + "{\"sku\":\"BIG\",\"name\":\"x\"},".repeat(200) + "{}]").getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/gadgets"))
                .header("Content-Type", "application/json")
                // no length known in advance: sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        var res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST413");
    }
}
