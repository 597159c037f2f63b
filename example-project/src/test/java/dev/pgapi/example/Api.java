package dev.pgapi.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.runtime.PgapiServer;
import dev.pgapi.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HTTP client for one running example API, and the one example database all auth tests share: starting
 * PostgreSQL and applying the migrations is the slow part, so it happens once per test JVM; variants of the
 * configuration are extra API servers on the same database ({@link #serve}).
 */
final class Api {

    static final String SECRET = "reallyreallyreallyreallyverysafe-example-secret-0123";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static DevServer dev;

    private final int port;

    private Api(int port) {
        this.port = port;
    }

    /** The example API with its own configuration (pgapi.conf). */
    static synchronized Api shared() throws IOException {
        if (dev == null) {
            dev = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
            Runtime.getRuntime().addShutdownHook(new Thread(dev::close, "example-db-shutdown"));
        }
        return new Api(dev.port());
    }

    static String adminJdbcUrl() throws IOException {
        shared();
        return dev.adminJdbcUrl();
    }

    /** Another API server on the shared database; {@code overrides} as for {@link DevServer#start}. */
    static PgapiServer serve(Map<String, String> overrides) throws IOException {
        shared();
        var all = new java.util.HashMap<>(overrides);
        all.put("PGRST_SERVER_PORT", "0");
        return dev.serveAnother(all);
    }

    /** The configuration of an API server on the shared database; {@code overrides} as for {@link DevServer#start}. */
    static RuntimeConfig configuration(Map<String, String> overrides) throws IOException {
        shared();
        return dev.configuration(overrides);
    }

    static Api of(PgapiServer server) {
        return new Api(server.port());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(request(path).GET(), token);
    }

    HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        return send(
                request(path)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json"),
                token);
    }

    HttpResponse<String> send(HttpRequest.Builder builder, String token) throws IOException, InterruptedException {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token from {@code POST /rpc/login}, as a client gets it. */
    String login(String email, String password) throws IOException, InterruptedException {
        var res = post("/rpc/login", "{\"email\":\"" + email + "\",\"pass\":\"" + password + "\"}", null);
        if (res.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + res.body());
        }
        return json(res).get("token").asText();
    }

    /**
     * Configuration of a server whose test-only pre-request hook (V1001) answers the setting a request names in
     * {@code X-Echo-Setting}: how tests see what anonymous requests see, since they may not call api.get_guc.
     */
    static final Map<String, String> ECHO_SETTING = Map.of("PGRST_DB_PRE_REQUEST", "hooks.echo_setting");

    /** {@code GET /rpc/whoami} asking the echo hook for a setting; the response carries it (see {@link #echoed}). */
    HttpResponse<String> echo(String setting, String token) throws IOException, InterruptedException {
        return send(request("/rpc/whoami").header("X-Echo-Setting", setting), token);
    }

    /** The setting the echo hook read for this response: a JSON string, or JSON null. */
    static JsonNode echoed(HttpResponse<String> res) {
        if (res.headers().firstValue("X-Setting-Null").isPresent()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        String encoded = res.headers()
                .firstValue("X-Setting")
                .orElseThrow(() -> new AssertionError("no setting echoed: " + res.statusCode() + " " + res.body()));
        return JSON.getNodeFactory().textNode(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> res) throws IOException {
        return JSON.readTree(res.body());
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** An HS256 token with the example's secret. */
    static String hs256(String payload) {
        return hs256(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload);
    }

    static String hs256(String secret, String header, String payload) {
        return hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), b64(header) + "." + b64(payload));
    }

    static String hmac(String jca, byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token that expires in an hour. */
    static String token(String claimsWithoutExp) {
        long exp = System.currentTimeMillis() / 1000 + 3600;
        String body = claimsWithoutExp.substring(1, claimsWithoutExp.length() - 1);
        return hs256("{" + body + (body.isEmpty() ? "" : ",") + "\"exp\":" + exp + "}");
    }
}
