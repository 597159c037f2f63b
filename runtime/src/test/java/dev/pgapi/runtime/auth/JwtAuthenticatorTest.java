package dev.pgapi.runtime.auth;

import static dev.pgapi.runtime.auth.Tokens.b64;
import static dev.pgapi.runtime.auth.Tokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.error.ApiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {

    static final String SECRET = "reallyreallyreallyreallyverysafe";
    static final String ANON = "postgrest_test_anonymous";
    static final String AUTHOR_TOKEN =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoicG9zdGdyZXN0X3Rlc3RfYXV0aG9yIn0"
                    + ".Xod-F15qsGL0WhdOCr2j3DdKuTw9QJERVgoFD3vGaWA";
    static final long NOW = 1_800_000_000L;

    @TempDir
    Path dir;

    private static JwtAuthenticator auth(Map<String, String> env) {
        var all = new HashMap<>(Map.of("PGRST_JWT_SECRET", SECRET, "PGRST_DB_ANON_ROLE", ANON));
        all.putAll(env);
        all.values().removeIf(String::isEmpty); // "" removes a default above
        return JwtAuthenticator.create(
                RuntimeConfig.load(null, all).jwt(), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    private static JwtAuthenticator auth() {
        return auth(Map.of());
    }

    private static ApiError error(JwtAuthenticator auth, String header) {
        return catchThrowableOfType(ApiError.class, () -> auth.authenticate(header));
    }

    /** Asserts the exact PostgREST response for a token error. */
    private static void assertInvalidToken(ApiError e, String code, String message, String details) {
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"code\":\"" + code + "\",\"details\":" + (details == null ? "null" : "\"" + details + "\"")
                                + ",\"hint\":null,\"message\":\"" + message + "\"}");
        assertThat(e.headers())
                .containsExactly(Map.entry(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"" + message.replace("\"", "\\\"") + "\""));
    }

    private static String bearer(String payload) {
        return "Bearer " + hs256(SECRET, payload);
    }

    // §7.1 cases

    @Test
    void noTokenIsAnonymous() {
        var r = auth().authenticate(null);
        assertThat(r.role()).isEqualTo(ANON);
        assertThat(r.claimsJson()).isEqualTo("{\"role\":\"postgrest_test_anonymous\"}");
        assertThat(r.claims()).containsExactly(Map.entry("role", ANON));
        assertThat(r.authenticated()).isFalse();
        assertThat(r.claimTexts()).containsExactly(Map.entry("role", ANON));
        assertThat(r).as("the same as a token without claims").isEqualTo(auth().authenticate(bearer("{}")));
    }

    @Test
    void authorToken() {
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER \t ")) {
            var r = auth().authenticate(scheme + AUTHOR_TOKEN);
            assertThat(r.role()).isEqualTo("postgrest_test_author");
            assertThat(r.claimsJson()).isEqualTo("{\"role\":\"postgrest_test_author\"}");
            assertThat(r.authenticated()).isTrue();
        }
    }

    @Test
    void otherSchemesAreNoToken() {
        assertThat(auth().authenticate("Basic Zm9vOmJhcg==").role()).isEqualTo(ANON);
    }

    @Test
    void emptyToken() {
        var e = error(auth(), "Bearer ");
        assertInvalidToken(e, "PGRST301", "Empty JWT is sent in Authorization header", null);
        assertThat(e.toJson()).hasSize(100);
        assertInvalidToken(error(auth(), "Bearer"), "PGRST301", "Empty JWT is sent in Authorization header", null);
    }

    @Test
    void wrongNumberOfParts() {
        var e = error(
                auth(),
                "Bearer ey9zdGdyZXN0X3Rlc3RfYXV0aG9yIiwiaWQiOiJqZG9lIn0.y4vZuu1dDdwAl0-S00MCRWRYMlJ5YAMSir6Es6WtWx0");
        assertInvalidToken(e, "PGRST301", "Expected 3 parts in JWT; got 2", null);
        assertThat(e.toJson()).hasSize(89);
        assertInvalidToken(error(auth(), "Bearer a.b.c.d.e"), "PGRST301", "Expected 3 parts in JWT; got 5", null);
    }

    @Test
    void expired() {
        assertInvalidToken(
                error(auth(), bearer("{\"exp\":1446678149,\"role\":\"postgrest_test_author\",\"id\":\"jdoe\"}")),
                "PGRST303",
                "JWT expired",
                null);
    }

    @Test
    void clockSkew() {
        var auth = auth();
        assertInvalidToken(error(auth, bearer("{\"exp\":" + (NOW - 35) + "}")), "PGRST303", "JWT expired", null);
        assertInvalidToken(error(auth, bearer("{\"nbf\":" + (NOW + 35) + "}")), "PGRST303", "JWT not yet valid", null);
        assertInvalidToken(
                error(auth, bearer("{\"iat\":" + (NOW + 35) + "}")), "PGRST303", "JWT issued at future", null);
        assertThat(auth.authenticate(bearer("{\"role\":\"postgrest_test_author\",\"iat\":" + NOW + "}"))
                        .role())
                .isEqualTo("postgrest_test_author");
        assertThat(auth.authenticate(bearer("{\"role\":\"postgrest_test_author\",\"exp\":" + (NOW - 20) + "}"))
                        .role())
                .isEqualTo("postgrest_test_author");
        assertThat(auth.authenticate(bearer("{\"nbf\":" + (NOW + 30) + ",\"iat\":null,\"exp\":null}"))
                        .role())
                .isEqualTo(ANON);
    }

    @Test
    void fractionalTimesCountAsZero() {
        var auth = auth();
        assertInvalidToken(error(auth, bearer("{\"exp\":" + (NOW + 1000) + ".5}")), "PGRST303", "JWT expired", null);
        assertThat(auth.authenticate(bearer("{\"nbf\":" + (NOW + 1000) + ".5}")).role())
                .isEqualTo(ANON);
        assertThat(auth.authenticate(bearer("{\"exp\":1.9e9}")).role()).isEqualTo(ANON); // integral after all
    }

    @Test
    void claimTypes() {
        var auth = auth();
        for (String claim : List.of("exp", "nbf", "iat")) {
            assertInvalidToken(
                    error(auth, bearer("{\"" + claim + "\":\"invalid\",\"role\":\"x\"}")),
                    "PGRST303",
                    "The JWT '" + claim + "' claim must be a number",
                    null);
        }
        for (String aud : List.of("{\"invalid\":\"value\"}", "[{\"invalid\":\"value\"},\"test\"]", "1")) {
            assertInvalidToken(
                    error(auth, bearer("{\"aud\":" + aud + "}")),
                    "PGRST303",
                    "The JWT 'aud' claim must be a string or an array of strings",
                    null);
        }
        // exp is checked before the others
        assertInvalidToken(error(auth, bearer("{\"aud\":1,\"nbf\":\"x\",\"exp\":1}")), "PGRST303", "JWT expired", null);
    }

    @Test
    void audience() {
        var auth = auth(Map.of("PGRST_JWT_AUD", "youraudience"));
        String author = "\"role\":\"postgrest_test_author\",\"exp\":9999999999";
        for (String ok : List.of("\"youraudience\"", "[\"notyouraudience\",\"youraudience\"]", "[]", "null")) {
            assertThat(auth.authenticate(bearer("{" + author + ",\"aud\":" + ok + "}"))
                            .role())
                    .as(ok)
                    .isEqualTo("postgrest_test_author");
        }
        assertThat(auth.authenticate(bearer("{" + author + "}")).role()).isEqualTo("postgrest_test_author");
        for (String bad : List.of("\"notyouraudience\"", "\"\"", "[\"notyouraudience\"]")) {
            assertInvalidToken(
                    error(auth, bearer("{" + author + ",\"aud\":" + bad + "}")),
                    "PGRST303",
                    "JWT not in audience",
                    null);
        }
        assertThat(auth.authenticate(null).role()).isEqualTo(ANON);
        var unset = auth();
        for (String any : List.of("\"x\"", "[\"a\",\"b\"]", "[]")) {
            assertThat(unset.authenticate(bearer("{\"aud\":" + any + "}")).role())
                    .isEqualTo(ANON);
        }
    }

    @Test
    void wrongSecret() {
        assertInvalidToken(
                error(auth(), "Bearer " + hs256("wrongwrongwrongwrongwrongwrongwrong", "{}")),
                "PGRST301",
                "No suitable key or wrong key type",
                "None of the keys was able to decode the JWT");
    }

    @Test
    void unsecuredToken() {
        assertInvalidToken(
                error(
                        auth(),
                        "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.yOBhlOIqn56T-4NvyEXCjfi3UmyQZ-BzXtePMO2NgRI"),
                "PGRST301",
                "Wrong or unsupported encoding algorithm",
                "JWT is unsecured but expected 'alg' was not 'none'");
        assertInvalidToken(
                error(auth(), "Bearer " + b64("{\"alg\":\"none\"}") + "." + b64("{\"role\":\"postgres\"}") + "."),
                "PGRST301",
                "Wrong or unsupported encoding algorithm",
                "JWT is unsecured but expected 'alg' was not 'none'");
    }

    @Test
    void garbage() {
        var auth = auth();
        assertInvalidToken(
                error(auth, "Bearer quifquirndsjagnrgniur.fonvoienqhhdj.iuqvnvhojah"),
                "PGRST301",
                "JWT cryptographic operation failed",
                null);
        String payload = b64("{}");
        for (String header : List.of(
                "{\"alg\":\"HS999\"}",
                "{\"typ\":\"JWT\"}",
                "[1]",
                "{\"alg\":\"HS256\",\"kid\":1}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")) {
            assertInvalidToken(
                    error(auth, "Bearer " + b64(header) + "." + payload + ".c2ln"),
                    "PGRST301",
                    "JWT cryptographic operation failed",
                    null);
        }
        assertInvalidToken(
                error(auth, "Bearer " + b64("{\"alg\":\"HS256\"}") + "." + payload + ".c2ln="),
                "PGRST301",
                "JWT cryptographic operation failed",
                null);
    }

    @Test
    void critHeaderIsRefusedBecauseNoExtensionIsUnderstood() {
        var auth = auth();
        for (String header : List.of(
                "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}",
                "{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":true}",
                "{\"alg\":\"HS256\",\"crit\":[]}",
                "{\"alg\":\"HS256\",\"crit\":\"x\"}",
                "{\"alg\":\"HS256\",\"crit\":null}")) {
            String token = Tokens.hs("HS256", SECRET.getBytes(StandardCharsets.UTF_8), header, "{\"role\":\"author\"}");
            assertInvalidToken(error(auth, "Bearer " + token), "PGRST301", "JWT cryptographic operation failed", null);
        }
        // the same token without crit is fine
        String plain = Tokens.hs(
                "HS256", SECRET.getBytes(StandardCharsets.UTF_8), "{\"alg\":\"HS256\"}", "{\"role\":\"author\"}");
        assertThat(auth.authenticate("Bearer " + plain).role()).isEqualTo("author");
    }

    @Test
    void nonCanonicalBase64urlIsRefused() {
        var auth = auth();
        String token = hs256(SECRET, "{\"role\":\"author\"}");
        assertThat(auth.authenticate("Bearer " + token).role()).isEqualTo("author");
        String[] parts = token.split("\\.");
        // 32 signature bytes are 43 characters: the last one carries 2 unused bits, which must be zero
        assertThat(parts[2]).hasSize(43);
        String sig = parts[2];
        String otherSpelling = sig.substring(0, 42) + flipLowestBit(sig.charAt(42));
        assertThat(Base64.getUrlDecoder().decode(otherSpelling))
                .isEqualTo(Base64.getUrlDecoder().decode(sig));
        for (String forged : List.of(
                parts[0] + "." + parts[1] + "." + otherSpelling,
                parts[0] + "." + parts[1] + "." + sig + "=",
                parts[0] + "." + parts[1] + "." + sig + "===")) {
            assertInvalidToken(error(auth, "Bearer " + forged), "PGRST301", "JWT cryptographic operation failed", null);
        }
        // header and payload are held to the same rule: "e30" is {} and so is "e31"
        String header = b64("{\"alg\":\"HS256\"}");
        String canonical = Tokens.hs("HS256", SECRET.getBytes(StandardCharsets.UTF_8), "{\"alg\":\"HS256\"}", "{}");
        assertThat(canonical.split("\\.")[1]).isEqualTo("e30");
        assertThat(auth.authenticate("Bearer " + canonical).role()).isEqualTo(ANON);
        String input = header + ".e31";
        String forged = input + "." + hmacB64(input);
        assertInvalidToken(error(auth, "Bearer " + forged), "PGRST301", "JWT cryptographic operation failed", null);
    }

    private static char flipLowestBit(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(c) ^ 1);
    }

    private static String hmacB64(String signingInput) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void payloadNotAnObject() {
        for (String payload : List.of("[1]", "not json", "{\"a\":1} x")) {
            var e = error(auth(), bearer(payload));
            assertInvalidToken(e, "PGRST303", "Parsing claims failed", null);
        }
    }

    @Test
    void plainSecretOnlyVerifiesHs256() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String hs512 = Tokens.hs("HS512", secret, "{\"alg\":\"HS512\"}", "{\"role\":\"a\"}");
        assertInvalidToken(
                error(auth(), "Bearer " + hs512),
                "PGRST301",
                "No suitable key or wrong key type",
                "No suitable key was found to decode the JWT");
        // a plain secret has no kid, so a token naming one finds no key (as with jose-jwt)
        String withKid = Tokens.hs("HS256", secret, "{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{\"role\":\"a\"}");
        assertInvalidToken(
                error(auth(), "Bearer " + withKid),
                "PGRST301",
                "No suitable key or wrong key type",
                "No suitable key was found to decode the JWT");
    }

    @Test
    void octJwkAllowsOtherHmacAlgorithms() {
        byte[] key =
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        var auth = auth(Map.of("PGRST_JWT_SECRET", "{\"kty\":\"oct\",\"k\":\"" + b64(key) + "\"}"));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            String t = Tokens.hs(alg, key, "{\"alg\":\"" + alg + "\"}", "{\"role\":\"" + alg + "\"}");
            assertThat(auth.authenticate("Bearer " + t).role()).isEqualTo(alg);
        }
        var only512 =
                auth(Map.of("PGRST_JWT_SECRET", "{\"kty\":\"oct\",\"alg\":\"HS512\",\"k\":\"" + b64(key) + "\"}"));
        String hs256 = Tokens.hs("HS256", key, "{\"alg\":\"HS256\"}", "{}");
        assertInvalidToken(
                error(only512, "Bearer " + hs256),
                "PGRST301",
                "No suitable key or wrong key type",
                "No suitable key was found to decode the JWT");
    }

    @Test
    void noSecretConfigured() {
        var auth = auth(Map.of("PGRST_JWT_SECRET", ""));
        var e = error(auth, "Bearer " + AUTHOR_TOKEN);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"code\":\"PGRST300\",\"details\":null,\"hint\":null,\"message\":\"Server lacks JWT secret\"}")
                .hasSize(82);
        assertThat(e.headers()).isEmpty();
        assertThat(error(auth, "Bearer ").code()).isEqualTo("PGRST300");
        assertThat(auth.authenticate(null).role()).isEqualTo(ANON);
    }

    @Test
    void anonymousDisabled() {
        var auth = auth(Map.of("PGRST_DB_ANON_ROLE", ""));
        for (String header : new String[] {null, bearer("{\"id\":\"jdoe\"}")}) {
            var e = error(auth, header);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.toJson())
                    .isEqualTo(
                            "{\"code\":\"PGRST302\",\"details\":null,\"hint\":null,\"message\":\"Anonymous access is disabled\"}")
                    .hasSize(87);
            assertThat(e.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
        }
        var r = auth.authenticate("Bearer " + AUTHOR_TOKEN);
        assertThat(r.role()).isEqualTo("postgrest_test_author");
        assertThat(r.authenticated()).isTrue();
        // claim errors are reported before the missing role
        assertThat(error(auth, bearer("{\"exp\":1}")).code()).isEqualTo("PGRST303");
    }

    @Test
    void validTokenWithoutRoleRunsAsAnonymous() {
        var r = auth().authenticate(bearer("{\"id\":\"jdoe\",\"n\":1}"));
        assertThat(r.role()).isEqualTo(ANON);
        assertThat(r.authenticated()).isFalse();
        assertThat(r.claimsJson()).isEqualTo("{\"id\":\"jdoe\",\"n\":1,\"role\":\"postgrest_test_anonymous\"}");
        assertThat(r.claims()).containsExactly(Map.entry("id", "jdoe"), Map.entry("n", 1), Map.entry("role", ANON));
        assertThat(auth().authenticate(bearer("{}")).role()).isEqualTo(ANON);
    }

    @Test
    void claimsKeepTokenOrderAndRenderSorted() {
        var r = auth().authenticate(
                        bearer("{\"z\":{\"b\":[1,2.5,true,null],\"a\":\"\\u00e9\\\"\"},\"role\":\"r\",\"a\":1}"));
        assertThat(r.claims().keySet()).containsExactly("z", "role", "a");
        assertThat(r.claimsJson())
                .isEqualTo("{\"a\":1,\"role\":\"r\",\"z\":{\"a\":\"é\\\"\",\"b\":[1,2.5,true,null]}}");
        assertThatThrownBy(() -> r.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        var nested = (Map<String, Object>) r.claims().get("z");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void claimsThatCannotBeSettingsAreLeftOutOfThePerClaimTextsOnly() {
        var r = auth().authenticate(bearer("{\"role\":\"r\",\"cognito:groups\":[\"a\"],\"email\":\"e\","
                + "\"https://example.com/role\":\"x\",\"x-hasura-user-id\":\"7\",\"nul\":\"a\\u0000b\"}"));
        assertThat(r.claimTexts()).containsExactly(Map.entry("email", "e"), Map.entry("role", "r"));
        assertThat(r.claimsJson())
                .isEqualTo(
                        "{\"cognito:groups\":[\"a\"],\"email\":\"e\","
                                + "\"https://example.com/role\":\"x\",\"nul\":\"a\\u0000b\",\"role\":\"r\",\"x-hasura-user-id\":\"7\"}");
    }

    @Test
    void nonStringRolesAreJsonEncoded() {
        assertThat(auth().authenticate(bearer("{\"role\":7}")).role()).isEqualTo("7");
        assertThat(auth().authenticate(bearer("{\"role\":null}")).role()).isEqualTo("null");
        var r = auth().authenticate(bearer("{\"role\":{\"b\":1,\"a\":[true]}}"));
        assertThat(r.role()).isEqualTo("{\"a\":[true],\"b\":1}");
        assertThat(r.claimsJson()).isEqualTo("{\"role\":\"{\\\"a\\\":[true],\\\"b\\\":1}\"}");
    }

    @Test
    void roleClaimKeys() {
        var nested = auth(Map.of("PGRST_JWT_ROLE_CLAIM_KEY", "$.postgrest.a_role"));
        assertThat(nested.authenticate(bearer("{\"postgrest\":{\"a_role\":\"postgrest_test_author\"}}"))
                        .role())
                .isEqualTo("postgrest_test_author");
        var url = auth(Map.of("PGRST_JWT_ROLE_CLAIM_KEY", "$[\"https://www.example.com/roles\"][0].value"));
        assertThat(url.authenticate(
                                bearer("{\"https://www.example.com/roles\":[{\"value\":\"postgrest_test_author\"}]}"))
                        .role())
                .isEqualTo("postgrest_test_author");
        var outOfRange = auth(Map.of("PGRST_JWT_ROLE_CLAIM_KEY", "$.myDomain[3]"));
        assertThat(outOfRange
                        .authenticate(bearer("{\"myDomain\":[\"a\",\"b\"]}"))
                        .role())
                .isEqualTo(ANON);
        var legacy = auth(Map.of("PGRST_JWT_ROLE_CLAIM_KEY", ".\"https://x\".roles[1]"));
        assertThat(legacy.authenticate(bearer("{\"https://x\":{\"roles\":[\"a\",\"b\"]}}"))
                        .role())
                .isEqualTo("b");
    }

    @Test
    void rs256JwkAndJwks() {
        KeyPair kp = Tokens.rsa();
        String payload = "{\"role\":\"postgrest_test_author\"}";
        String token = Tokens.signed("SHA256withRSA", kp.getPrivate(), "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload);
        String jwk = Tokens.rsaJwk(kp, "");
        assertThat(auth(Map.of("PGRST_JWT_SECRET", jwk))
                        .authenticate("Bearer " + token)
                        .role())
                .isEqualTo("postgrest_test_author");
        assertThat(auth(Map.of("PGRST_JWT_SECRET", "{\"keys\":[" + jwk + "]}"))
                        .authenticate("Bearer " + token)
                        .role())
                .isEqualTo("postgrest_test_author");

        // PS256 with the same key
        String ps = Tokens.signed("RSASSA-PSS", kp.getPrivate(), "{\"alg\":\"PS256\"}", payload);
        assertThat(auth(Map.of("PGRST_JWT_SECRET", jwk))
                        .authenticate("Bearer " + ps)
                        .role())
                .isEqualTo("postgrest_test_author");

        // tampered payload
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + b64("{\"role\":\"postgres\"}") + "." + parts[2];
        assertInvalidToken(
                error(auth(Map.of("PGRST_JWT_SECRET", jwk)), "Bearer " + forged),
                "PGRST301",
                "No suitable key or wrong key type",
                "None of the keys was able to decode the JWT");

        // an HS256 token signed with the public key's bytes must not verify against an RSA key
        String confused = Tokens.hs("HS256", jwk.getBytes(StandardCharsets.UTF_8), "{\"alg\":\"HS256\"}", payload);
        assertInvalidToken(
                error(auth(Map.of("PGRST_JWT_SECRET", jwk)), "Bearer " + confused),
                "PGRST301",
                "No suitable key or wrong key type",
                "No suitable key was found to decode the JWT");
    }

    @Test
    void es256JwkAndJwks() {
        KeyPair kp = Tokens.ec("secp256r1");
        String token = Tokens.signed(
                "SHA256withECDSAinP1363Format", kp.getPrivate(), "{\"alg\":\"ES256\"}", "{\"role\":\"ec\"}");
        String jwk = Tokens.ecJwk(kp, "P-256", 32, "\"use\":\"sig\",");
        assertThat(auth(Map.of("PGRST_JWT_SECRET", jwk))
                        .authenticate("Bearer " + token)
                        .role())
                .isEqualTo("ec");
        assertThat(auth(Map.of("PGRST_JWT_SECRET", "{\"keys\":[" + jwk + "]}"))
                        .authenticate("Bearer " + token)
                        .role())
                .isEqualTo("ec");
        // an ES384 token cannot verify with a P-256 key
        KeyPair p384 = Tokens.ec("secp384r1");
        String es384 = Tokens.signed("SHA384withECDSAinP1363Format", p384.getPrivate(), "{\"alg\":\"ES384\"}", "{}");
        assertInvalidToken(
                error(auth(Map.of("PGRST_JWT_SECRET", jwk)), "Bearer " + es384),
                "PGRST301",
                "No suitable key or wrong key type",
                "None of the keys was able to decode the JWT");
        assertThat(auth(Map.of("PGRST_JWT_SECRET", Tokens.ecJwk(p384, "P-384", 48, "")))
                        .authenticate("Bearer " + es384)
                        .role())
                .isEqualTo(ANON);
    }

    @Test
    void ed25519Jwk() {
        KeyPair kp = Tokens.ed25519();
        String token = Tokens.signed("Ed25519", kp.getPrivate(), "{\"alg\":\"EdDSA\"}", "{\"role\":\"ed\"}");
        assertThat(auth(Map.of("PGRST_JWT_SECRET", Tokens.ed25519Jwk(kp)))
                        .authenticate("Bearer " + token)
                        .role())
                .isEqualTo("ed");
    }

    @Test
    void kidSelection() {
        KeyPair a = Tokens.rsa();
        KeyPair b = Tokens.rsa();
        String jwks = "{\"keys\":[" + Tokens.rsaJwk(a, "\"kid\":\"a\",") + "," + Tokens.rsaJwk(b, "\"kid\":\"b\",")
                + "," + Tokens.rsaJwk(b, "\"kid\":\"enc\",\"use\":\"enc\",") + "]}";
        var auth = auth(Map.of("PGRST_JWT_SECRET", jwks));
        String byB =
                Tokens.signed("SHA256withRSA", b.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"b\"}", "{\"role\":\"b\"}");
        assertThat(auth.authenticate("Bearer " + byB).role()).isEqualTo("b");
        String noKid = Tokens.signed("SHA256withRSA", b.getPrivate(), "{\"alg\":\"RS256\"}", "{\"role\":\"b\"}");
        assertThat(auth.authenticate("Bearer " + noKid).role()).isEqualTo("b");
        String wrongKid = Tokens.signed("SHA256withRSA", b.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"a\"}", "{}");
        assertInvalidToken(
                error(auth, "Bearer " + wrongKid),
                "PGRST301",
                "No suitable key or wrong key type",
                "None of the keys was able to decode the JWT");
        for (String kid : List.of("c", "enc")) {
            String unknown =
                    Tokens.signed("SHA256withRSA", b.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", "{}");
            assertInvalidToken(
                    error(auth, "Bearer " + unknown),
                    "PGRST301",
                    "No suitable key or wrong key type",
                    "No suitable key was found to decode the JWT");
        }
    }

    @Test
    void base64Secret() {
        byte[] raw = new byte[48];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 37 + 250);
        }
        String urlSafe = Base64.getUrlEncoder().encodeToString(raw).replace('=', '.');
        var auth = auth(Map.of("PGRST_JWT_SECRET", " " + urlSafe + " ", "PGRST_JWT_SECRET_IS_BASE64", "true"));
        String token = Tokens.hs("HS256", raw, "{\"alg\":\"HS256\"}", "{\"role\":\"b64\"}");
        assertThat(auth.authenticate("Bearer " + token).role()).isEqualTo("b64");
    }

    @Test
    void secretFile() throws IOException {
        Path file = dir.resolve("jwt.secret");
        Files.writeString(file, SECRET + "\n");
        var auth = auth(Map.of("PGRST_JWT_SECRET", "@" + file));
        assertThat(auth.authenticate("Bearer " + AUTHOR_TOKEN).role()).isEqualTo("postgrest_test_author");
    }

    @Test
    void cacheSkipsSignatureChecksButNotTimeChecks() {
        var auth = auth();
        String token = bearer("{\"role\":\"r\",\"exp\":" + (NOW + 10) + "}");
        for (int i = 0; i < 5; i++) {
            assertThat(auth.authenticate(token).role()).isEqualTo("r");
        }
        assertThat(auth.signatureChecks()).isEqualTo(1);

        var now = new java.util.concurrent.atomic.AtomicLong(NOW);
        var clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(now.get());
            }
        };
        var ticking = JwtAuthenticator.create(
                RuntimeConfig.load(null, Map.of("PGRST_JWT_SECRET", SECRET)).jwt(), clock);
        String expiring = bearer("{\"role\":\"r\",\"exp\":" + (NOW + 100) + "}");
        assertThat(ticking.authenticate(expiring).role()).isEqualTo("r");
        now.set(NOW + 131);
        assertInvalidToken(error(ticking, expiring), "PGRST303", "JWT expired", null);
        assertThat(ticking.signatureChecks()).isEqualTo(1);
        // errors are not cached
        assertThat(error(ticking, bearer("{\"x\":[1")).code()).isEqualTo("PGRST303");
        assertThat(error(ticking, bearer("{\"x\":[1")).code()).isEqualTo("PGRST303");
        assertThat(ticking.signatureChecks()).isEqualTo(3);
    }

    @Test
    void cacheIsBoundedAndCanBeDisabled() {
        var small = auth(Map.of("PGRST_JWT_CACHE_MAX_ENTRIES", "2"));
        for (int i = 0; i < 10; i++) {
            small.authenticate(bearer("{\"i\":" + i + "}"));
        }
        assertThat(small.signatureChecks()).isEqualTo(10);
        small.authenticate(bearer("{\"i\":9}"));
        assertThat(small.signatureChecks()).isEqualTo(10);

        var off = auth(Map.of("PGRST_JWT_CACHE_MAX_ENTRIES", "0"));
        off.authenticate("Bearer " + AUTHOR_TOKEN);
        off.authenticate("Bearer " + AUTHOR_TOKEN);
        assertThat(off.signatureChecks()).isEqualTo(2);
    }

    @Test
    void cacheCountsRequestsHitsAndEvictionsForTheMetrics() {
        var small = auth(Map.of("PGRST_JWT_CACHE_MAX_ENTRIES", "2"));
        for (int i = 0; i < 3; i++) {
            small.authenticate(bearer("{\"i\":" + i + "}"));
        }
        small.authenticate(bearer("{\"i\":2}"));
        small.authenticate(null); // no token: no lookup
        assertThat(small.cacheRequests()).isEqualTo(4);
        assertThat(small.cacheHits()).isEqualTo(1);
        assertThat(small.cacheEvictions()).isEqualTo(1);

        var off = auth(Map.of("PGRST_JWT_CACHE_MAX_ENTRIES", "0"));
        off.authenticate("Bearer " + AUTHOR_TOKEN);
        assertThat(off.cacheRequests()).isZero();
    }

    @Test
    void concurrentUse() throws InterruptedException {
        var auth = auth(Map.of("PGRST_JWT_CACHE_MAX_ENTRIES", "8"));
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        var threads = new java.util.ArrayList<Thread>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    String role = "r" + (i % 20);
                    if (!auth.authenticate(bearer("{\"role\":\"" + role + "\"}"))
                            .role()
                            .equals(role)) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).hasValue(0);
    }
}
