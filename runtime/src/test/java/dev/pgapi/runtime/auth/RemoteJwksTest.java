package dev.pgapi.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys from an identity provider, served by a local HTTP server standing in for it. */
class RemoteJwksTest {

    private static final KeyPair KEY_A = Tokens.rsa();
    private static final KeyPair KEY_B = Tokens.rsa();
    private static final String SECRET = "reallyreallyreallyreallyverysafe";

    private HttpServer provider;
    private volatile String jwks;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger discoveryFetches = new AtomicInteger();

    @BeforeEach
    void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            respond(exchange, 200, jwks);
        });
        provider.createContext("/realm/.well-known/openid-configuration", exchange -> {
            discoveryFetches.incrementAndGet();
            respond(exchange, 200, "{\"issuer\":\"" + base() + "/realm\",\"jwks_uri\":\"" + base() + "/jwks.json\"}");
        });
        provider.start();
        jwks = jwks(Tokens.rsaJwk(KEY_A, "\"kid\":\"a\",\"alg\":\"RS256\",\"use\":\"sig\","));
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + provider.getAddress().getPort();
    }

    private static String jwks(String... keys) {
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    private JwtAuthenticator auth(Map<String, String> env) {
        var all = new HashMap<>(Map.of("PGRST_DB_ANON_ROLE", "anon"));
        all.putAll(env);
        return JwtAuthenticator.create(RuntimeConfig.load(null, all).jwt()).start();
    }

    private static String rs256(KeyPair key, String kid, String payload) {
        return "Bearer "
                + Tokens.signed(
                        "SHA256withRSA",
                        key.getPrivate(),
                        "{\"alg\":\"RS256\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}",
                        payload);
    }

    @Test
    void tokenSignedByTheProvidersKeyIsAccepted() {
        var auth = auth(Map.of("PGRST_JWT_JWKS_URL", base() + "/jwks.json"));
        assertThat(auth.authenticate(rs256(KEY_A, "a", "{\"role\":\"alice\"}")).role())
                .isEqualTo("alice");
        assertThat(auth.authenticate(rs256(KEY_A, null, "{\"role\":\"alice\"}")).role())
                .isEqualTo("alice");
        assertThat(jwksFetches).hasValue(1);
    }

    @Test
    void discoveryDocumentOfTheIssuerNamesTheJwks() {
        var auth = auth(Map.of("PGRST_JWT_OIDC_ISSUER", base() + "/realm"));
        assertThat(auth.authenticate(rs256(KEY_A, "a", "{\"role\":\"bob\"}")).role())
                .isEqualTo("bob");
        assertThat(discoveryFetches).hasValue(1);
        assertThat(jwksFetches).hasValue(1);
    }

    @Test
    void rotatedKeyIsFetchedWhenATokenNamesAnUnknownKid() {
        var auth = auth(Map.of("PGRST_JWT_JWKS_URL", base() + "/jwks.json", "PGRST_JWT_JWKS_REFRESH_INTERVAL", "0"));
        String oldToken = rs256(KEY_A, "a", "{\"role\":\"alice\"}");
        assertThat(auth.authenticate(oldToken).role()).isEqualTo("alice");

        // the provider rotates: b replaces a
        jwks = jwks(Tokens.rsaJwk(KEY_B, "\"kid\":\"b\","));
        assertThat(auth.authenticate(rs256(KEY_B, "b", "{\"role\":\"bob\"}")).role())
                .isEqualTo("bob");
        assertThat(jwksFetches).hasValue(2);

        // the cached verification of the old token went with the old key
        var e = catchThrowableOfType(ApiError.class, () -> auth.authenticate(oldToken));
        assertThat(e.code()).isEqualTo("PGRST301");
        assertThat(e.detailsJson()).isEqualTo("\"" + ApiErrors.NO_SUITABLE_KEY + "\"");
    }

    @Test
    void knownKidWithABadSignatureDoesNotFetch() {
        var auth = auth(Map.of("PGRST_JWT_JWKS_URL", base() + "/jwks.json", "PGRST_JWT_JWKS_REFRESH_INTERVAL", "0"));
        var e = catchThrowableOfType(ApiError.class, () -> auth.authenticate(rs256(KEY_B, "a", "{}")));
        assertThat(e.detailsJson()).isEqualTo("\"" + ApiErrors.NO_KEY_DECODED + "\"");
        assertThat(jwksFetches).hasValue(1);
    }

    @Test
    void burstOfUnknownKidsFetchesAtMostOncePerInterval() throws Exception {
        // signed up front: signing is slow on a busy machine and must not stretch a burst past the interval
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            forged.add(rs256(KEY_B, "forged-" + i, "{\"role\":\"admin\"}"));
        }
        var auth = auth(Map.of("PGRST_JWT_JWKS_URL", base() + "/jwks.json", "PGRST_JWT_JWKS_REFRESH_INTERVAL", "3"));
        assertThat(jwksFetches).hasValue(1);
        burst(auth, forged);
        assertThat(jwksFetches).as("within the interval after startup").hasValue(1);

        Thread.sleep(3_100);
        burst(auth, forged);
        assertThat(jwksFetches).as("one refresh for the whole burst").hasValue(2);
    }

    private static void burst(JwtAuthenticator auth, List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiError>> results = new ArrayList<>();
            for (String token : tokens) {
                results.add(pool.submit(() -> catchThrowableOfType(ApiError.class, () -> auth.authenticate(token))));
            }
            for (Future<ApiError> r : results) {
                assertThat(r.get().code()).isEqualTo("PGRST301");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staticSecretAndProviderKeysWorkTogether() {
        var auth = auth(Map.of("PGRST_JWT_JWKS_URL", base() + "/jwks.json", "PGRST_JWT_SECRET", SECRET));
        assertThat(auth.authenticate("Bearer " + Tokens.hs256(SECRET, "{\"role\":\"carol\"}"))
                        .role())
                .isEqualTo("carol");
        assertThat(auth.authenticate(rs256(KEY_A, "a", "{\"role\":\"alice\"}")).role())
                .isEqualTo("alice");
    }

    @Test
    void unreachableProviderStopsStartupWithOneLine() {
        String url = base() + "/missing.json";
        assertThatThrownBy(() -> auth(Map.of("PGRST_JWT_JWKS_URL", url)))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessage("jwt-jwks-url: cannot fetch " + url + " (HTTP 404)");
        provider.stop(0);
        assertThatThrownBy(() -> auth(Map.of("PGRST_JWT_OIDC_ISSUER", base() + "/realm")))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageStartingWith(
                        "jwt-oidc-issuer: cannot fetch " + base() + "/realm/.well-known/openid-configuration");
    }

    @Test
    void documentThatIsNotAJwksStopsStartup() {
        jwks = "{\"issuer\":\"x\"}";
        assertThatThrownBy(() -> auth(Map.of("PGRST_JWT_JWKS_URL", base() + "/jwks.json")))
                .hasMessage("jwt-jwks-url: not a JWKS (no \"keys\" array)");
    }

    @Test
    void providerAddressMustBeHttpsUnlessLoopback() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_JWT_JWKS_URL", "http://idp.example.com/jwks")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "jwt-jwks-url: \"http://idp.example.com/jwks\" must use https (plain http only to a loopback"
                                + " address)");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_JWT_OIDC_ISSUER", "ftp://idp")))
                .hasMessage("jwt-oidc-issuer: \"ftp://idp\" is not an http(s) URL");
        assertThatThrownBy(() -> RuntimeConfig.load(
                        null, Map.of("PGRST_JWT_OIDC_ISSUER", "https://a", "PGRST_JWT_JWKS_URL", "https://b")))
                .hasMessage("jwt-jwks-url and jwt-oidc-issuer: set only one of them");
        for (String ok : List.of(
                "https://idp.example.com/jwks",
                "http://localhost:8080/jwks",
                "http://127.0.0.2/j",
                "http://[::1]:9/j")) {
            assertThat(RuntimeConfig.load(null, Map.of("PGRST_JWT_JWKS_URL", ok))
                            .jwtJwks()
                            .jwksUrl())
                    .hasToString(ok);
        }
    }
}
