package dev.pgapi.example;

import static dev.pgapi.example.Api.b64;
import static dev.pgapi.example.Api.hmac;
import static dev.pgapi.example.Api.hs256;
import static dev.pgapi.example.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgapi.runtime.PgapiServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged and malformed tokens, each answered with PostgREST's status and code and never a 500; and many interleaved
 * requests of several identities over a small pool, none of which sees another's role or claims.
 */
class TokenAttackIT {

    private static final String AUD = "example-api";
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static PgapiServer server;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        var config = new java.util.HashMap<>(Api.ECHO_SETTING);
        config.putAll(Map.of("PGRST_DB_POOL", "3", "PGRST_JWT_AUD", AUD));
        server = Api.serve(config);
        api = Api.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String header(String json) {
        return b64(json);
    }

    private static String hs(String alg, String headerJson, String payload) {
        String jca = "Hmac" + alg.replace("HS", "SHA");
        return hmac(jca, Api.SECRET.getBytes(StandardCharsets.UTF_8), header(headerJson) + "." + b64(payload));
    }

    private static String valid(String payload) {
        return hs256(payload);
    }

    static Stream<Arguments> forgedTokens() {
        String alice = valid("{\"role\":\"alice\"}");
        String[] p = alice.split("\\.");
        String bobPayload = b64("{\"role\":\"bob\"}");
        String noneHeader = header("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return Stream.of(
                // algorithm games
                Arguments.of("alg none, no signature", noneHeader + "." + bobPayload + ".", 401, "PGRST301"),
                Arguments.of("alg none with a signature", noneHeader + "." + bobPayload + "." + p[2], 401, "PGRST301"),
                Arguments.of("alg None", header("{\"alg\":\"None\"}") + "." + bobPayload + ".", 401, "PGRST301"),
                Arguments.of(
                        "alg missing", header("{\"typ\":\"JWT\"}") + "." + bobPayload + "." + p[2], 401, "PGRST301"),
                Arguments.of(
                        "alg not a string", header("{\"alg\":256}") + "." + bobPayload + "." + p[2], 401, "PGRST301"),
                Arguments.of(
                        "HS384 with the secret (HS256 only)",
                        hs("HS384", "{\"alg\":\"HS384\"}", "{\"role\":\"alice\"}"),
                        401,
                        "PGRST301"),
                Arguments.of(
                        "HS512 with the secret (HS256 only)",
                        hs("HS512", "{\"alg\":\"HS512\"}", "{\"role\":\"alice\"}"),
                        401,
                        "PGRST301"),
                Arguments.of(
                        "RS256 header, HMAC signature",
                        hs("HS256", "{\"alg\":\"RS256\"}", "{\"role\":\"alice\"}"),
                        401,
                        "PGRST301"),
                Arguments.of(
                        "ES256 header", hs("HS256", "{\"alg\":\"ES256\"}", "{\"role\":\"alice\"}"), 401, "PGRST301"),
                Arguments.of(
                        "wrong secret",
                        hmac(
                                "HmacSHA256",
                                "reallyreallyreallyreallyverysafe".getBytes(StandardCharsets.UTF_8),
                                header("{\"alg\":\"HS256\"}") + "." + bobPayload),
                        401,
                        "PGRST301"),
                Arguments.of(
                        "empty HMAC key",
                        hmac("HmacSHA256", new byte[1], header("{\"alg\":\"HS256\"}") + "." + bobPayload),
                        401,
                        "PGRST301"),
                Arguments.of(
                        "kid naming no key",
                        hs("HS256", "{\"alg\":\"HS256\",\"kid\":\"other\"}", "{\"role\":\"alice\"}"),
                        401,
                        "PGRST301"),
                Arguments.of(
                        "JWE header (enc)",
                        hs("HS256", "{\"alg\":\"HS256\",\"enc\":\"A256GCM\"}", "{\"role\":\"alice\"}"),
                        401,
                        "PGRST301"),
                // tampering and shape
                Arguments.of("payload swapped after signing", p[0] + "." + bobPayload + "." + p[2], 401, "PGRST301"),
                Arguments.of(
                        "header changed after signing",
                        header("{\"alg\":\"HS256\",\"typ\":\"JWS\"}") + "." + p[1] + "." + p[2],
                        401,
                        "PGRST301"),
                Arguments.of("signature truncated", alice.substring(0, alice.length() - 5), 401, "PGRST301"),
                Arguments.of("signature empty", p[0] + "." + p[1] + ".", 401, "PGRST301"),
                Arguments.of("signature not base64url", p[0] + "." + p[1] + ".***", 401, "PGRST301"),
                Arguments.of("two parts", p[0] + "." + p[1], 401, "PGRST301"),
                Arguments.of("four parts", alice + "." + p[2], 401, "PGRST301"),
                Arguments.of("JWE-shaped five parts", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", 401, "PGRST301"),
                Arguments.of("one part", "garbage", 401, "PGRST301"),
                Arguments.of("only dots", "..", 401, "PGRST301"),
                Arguments.of("header not JSON", b64("not json") + "." + p[1] + "." + p[2], 401, "PGRST301"),
                Arguments.of("header a JSON array", b64("[\"HS256\"]") + "." + p[1] + "." + p[2], 401, "PGRST301"),
                Arguments.of("empty token", "", 401, "PGRST301"),
                // claims
                Arguments.of("payload not JSON", hs("HS256", "{\"alg\":\"HS256\"}", "role=alice"), 401, "PGRST303"),
                Arguments.of(
                        "payload a JSON array",
                        hs("HS256", "{\"alg\":\"HS256\"}", "[{\"role\":\"alice\"}]"),
                        401,
                        "PGRST303"),
                Arguments.of("expired", valid("{\"role\":\"alice\",\"exp\":" + (NOW - 60) + "}"), 401, "PGRST303"),
                Arguments.of("exp a string", valid("{\"role\":\"alice\",\"exp\":\"9999999999\"}"), 401, "PGRST303"),
                Arguments.of(
                        "exp fractional (counts as 0)",
                        valid("{\"role\":\"alice\",\"exp\":9999999999.5}"),
                        401,
                        "PGRST303"),
                Arguments.of(
                        "nbf in the future",
                        valid("{\"role\":\"alice\",\"nbf\":" + (NOW + 120) + "}"),
                        401,
                        "PGRST303"),
                Arguments.of(
                        "iat in the future",
                        valid("{\"role\":\"alice\",\"iat\":" + (NOW + 120) + "}"),
                        401,
                        "PGRST303"),
                Arguments.of("wrong audience", valid("{\"role\":\"alice\",\"aud\":\"other-api\"}"), 401, "PGRST303"),
                Arguments.of("empty audience", valid("{\"role\":\"alice\",\"aud\":\"\"}"), 401, "PGRST303"),
                Arguments.of("audience not a string", valid("{\"role\":\"alice\",\"aud\":{\"a\":1}}"), 401, "PGRST303"),
                // roles
                Arguments.of("role a number", valid("{\"role\":7}"), 401, "22023"),
                Arguments.of("role null", valid("{\"role\":null}"), 401, "22023"),
                Arguments.of("role an array", valid("{\"role\":[\"alice\"]}"), 401, "22023"),
                Arguments.of("role empty", valid("{\"role\":\"\"}"), 401, "22023"),
                Arguments.of(
                        "role with quotes and SQL",
                        valid("{\"role\":\"alice\\\"; drop table api.chat; --\"}"),
                        401,
                        "22023"),
                Arguments.of("role in other case", valid("{\"role\":\"Alice\"}"), 401, "22023"),
                Arguments.of("unicode role", valid("{\"role\":\"\u00e5lice\u2603\"}"), 401, "22023"),
                Arguments.of("role with NUL", valid("{\"role\":\"alice\\u0000\"}"), 400, "22021"),
                Arguments.of("role not granted (mallory)", valid("{\"role\":\"mallory\"}"), 403, "42501"),
                Arguments.of("superuser role", valid("{\"role\":\"postgres\"}"), 403, "42501"),
                Arguments.of("the authenticator itself", valid("{\"role\":\"authenticator\"}"), 403, "42501"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedOrMalformedTokenIsRefused(String name, String token, int status, String code) throws Exception {
        HttpResponse<String> res =
                api.send(api.request("/chat?select=message_subject").header("Authorization", "Bearer " + token), null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(json(res).get("code").asText()).isEqualTo(code);
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=" + code);
        if (status == 401) {
            assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void largeTokenIsRefusedCleanly() throws Exception {
        String payload = "{\"role\":\"alice\",\"pad\":\"" + "x".repeat(6_000) + "\"}";
        String forged = header("{\"alg\":\"HS256\"}") + "." + b64(payload) + "." + b64("signature");
        var res = api.get("/chat", forged);
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST301");
    }

    @Test
    void oversizedTokenIsRefusedCleanly() throws Exception {
        String forged = header("{\"alg\":\"HS256\"}") + "." + "A".repeat(1 << 20) + "." + b64("signature");
        // larger than the HTTP server's header limit (16 KiB): Helidon refuses the request line and headers with 400
        // before any handler runs
        int status = api.get("/chat", forged).statusCode();
        assertThat(status).isEqualTo(400);
        // and the server is fine afterwards
        assertThat(api.get("/rpc/whoami", null).body()).isEqualTo("\"anon\"");
    }

    private record Identity(String name, String token, String email) {}

    @Test
    void thousandsOfInterleavedRequestsNeverMixIdentities() throws Exception {
        var shared = Api.shared();
        List<Identity> identities = List.of(
                new Identity("alice", shared.login("alice@example.com", "alice-password"), "alice@example.com"),
                new Identity("bob", shared.login("bob@example.com", "bob-password"), "bob@example.com"),
                new Identity("webuser", shared.login("carol@example.com", "carol-password"), "carol@example.com"),
                new Identity("anon", null, null));
        String[] paths = {
            "/rpc/whoami",
            "/chat?select=message_from,message_to",
            "/rpc/me",
            "/rpc/get_guc?name=request.jwt.claim.email",
            "/todos?select=owner_email"
        };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                Identity who = identities.get(i % identities.size());
                String path = paths[(i / identities.size()) % paths.length];
                results.add(pool.submit(() -> check(who, path)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> r : results) {
                String problem = r.get();
                if (problem != null) {
                    problems.add(problem);
                }
            }
            assertThat(problems).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null when the response is exactly what this identity may see. */
    private static String check(Identity who, String path) throws Exception {
        boolean anon = who.token() == null;
        if (anon && path.startsWith("/rpc/get_guc")) {
            // anon may not call get_guc (V30): the test-only echo hook reads the setting instead
            HttpResponse<String> res = api.echo("request.jwt.claim.email", null);
            JsonNode email = res.statusCode() == 200 ? Api.echoed(res) : null;
            return email != null && (email.isNull() || email.asText().isEmpty())
                    ? null
                    : "anon echo request.jwt.claim.email -> " + res.statusCode() + " "
                            + res.headers().map();
        }
        HttpResponse<String> res = api.get(path, who.token());
        String what = who.name() + " " + path + " -> " + res.statusCode() + " " + res.body();
        if (path.equals("/rpc/whoami")) {
            return res.body().equals("\"" + who.name() + "\"") ? null : what;
        }
        if (anon && (path.startsWith("/chat") || path.startsWith("/rpc/me") || path.startsWith("/todos"))) {
            return res.statusCode() == 401 && res.body().contains("42501") ? null : what;
        }
        if (res.statusCode() != 200) {
            return what;
        }
        JsonNode body = json(res);
        if (path.startsWith("/chat")) {
            for (JsonNode row : body) {
                if (!row.get("message_from").asText().equals(who.name())
                        && !row.get("message_to").asText().equals(who.name())) {
                    return what;
                }
            }
            return null;
        }
        if (path.startsWith("/rpc/me")) {
            return body.get("role").asText().equals(who.name())
                            && body.get("email").asText().equals(who.email())
                    ? null
                    : what;
        }
        if (path.startsWith("/todos")) {
            for (JsonNode row : body) {
                if (!row.get("owner_email").asText().equals(who.email())) {
                    return what;
                }
            }
            return body.isEmpty() ? what : null;
        }
        // request.jwt.claim.email: the caller's, or nothing (null or the '' a previous request left) for anon
        return anon
                ? (body.isNull() || body.asText().isEmpty() ? null : what)
                : (body.asText().equals(who.email()) ? null : what);
    }
}
