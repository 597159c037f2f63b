package dev.pgapi.example;

import static dev.pgapi.example.Api.b64;
import static dev.pgapi.example.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pgapi.runtime.PgapiServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgREST authentication guide, step by step, as the example implements it (migrations V1..V9, V30, V31).
 */
class AuthGuideIT {

    private static Api api;
    private static String alice;
    private static String bob;
    private static String carol;

    @BeforeAll
    static void start() throws Exception {
        api = Api.shared();
        alice = api.login("alice@example.com", "alice-password");
        bob = api.login("bob@example.com", "bob-password");
        carol = api.login("carol@example.com", "carol-password");
    }

    // Roles for each web user: chat with RLS on current_user

    @Test
    void eachUserSeesOnlyMessagesToOrFromThem() throws Exception {
        for (var user : Map.of("alice", alice, "bob", bob).entrySet()) {
            JsonNode rows = json(api.get("/chat?select=message_from,message_to,message_subject", user.getValue()));
            assertThat(rows.size()).isGreaterThanOrEqualTo(3);
            for (JsonNode row : rows) {
                assertThat(row.get("message_from").asText() + " "
                                + row.get("message_to").asText())
                        .contains(user.getKey());
            }
        }
        var subjects = api.get("/chat?select=message_subject&message_subject=in.(Reminder,Note)", alice);
        assertThat(subjects.body()).isEqualTo("[{\"message_subject\":\"Reminder\"}]");
    }

    @Test
    void sendingAsYourselfWorksAndTheRecipientSeesIt() throws Exception {
        var sent = api.post(
                "/rpc/send_message", "{\"recipient\":\"bob\",\"subject\":\"Lunch\",\"body\":\"12:30?\"}", alice);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode message = json(sent);
        assertThat(message.get("message_from").asText()).isEqualTo("alice");
        String uuid = message.get("message_uuid").asText();
        assertThat(json(api.get("/chat?message_uuid=eq." + uuid, bob)).size()).isEqualTo(1);
        assertThat(json(api.get("/chat?message_uuid=eq." + uuid, carol)).size())
                .as("webuser is neither party")
                .isZero();
    }

    @Test
    void forgingTheSenderIsRejectedByThePolicy() throws Exception {
        var forged = api.post(
                "/rpc/send_message",
                "{\"recipient\":\"alice\",\"subject\":\"Hi\",\"body\":\"from bob, honest\",\"sender\":\"bob\"}",
                alice);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body())
                .isEqualTo("{\"code\":\"42501\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"new row violates row-level security policy for table \\\"chat\\\"\"}");
        var anonymous =
                api.post("/rpc/send_message", "{\"recipient\":\"alice\",\"subject\":\"s\",\"body\":\"b\"}", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    // Web users sharing a role: webuser told apart by the email claim

    @Test
    void sharedRoleUserSeesOwnTodosThroughTheClaimsJson() throws Exception {
        assertThat(api.get("/rpc/whoami", carol).body()).isEqualTo("\"webuser\"");
        assertThat(api.get("/todos?select=id&order=id", carol).body()).isEqualTo("[{\"id\":4}, \n {\"id\":5}]");
        String otherCarol = Api.token("{\"role\":\"webuser\",\"email\":\"nobody@example.com\"}");
        assertThat(api.get("/todos", otherCarol).body()).isEqualTo("[]");
    }

    @Test
    void sharedRoleUserSeesOwnNotesThroughThePerClaimSetting() throws Exception {
        assertThat(api.get("/notes?select=id&order=id", carol).body()).isEqualTo("[{\"id\":2}, \n {\"id\":3}]");
    }

    // Hybrid user-group roles: alice and bob inherit webuser's grants

    @Test
    void perUserRoleInheritsTheGroupsGrants() throws Exception {
        assertThat(api.get("/rpc/whoami", alice).body()).isEqualTo("\"alice\"");
        assertThat(api.get("/todos?select=id&order=id", alice).body()).isEqualTo("[{\"id\":1}, \n {\"id\":2}]");
        assertThat(api.get("/notes?select=id", alice).body()).isEqualTo("[{\"id\":1}]");
        assertThat(json(api.post("/rpc/me", "{}", alice)).get("email").asText()).isEqualTo("alice@example.com");
    }

    // Custom validation: the pre-request function

    @Test
    void preRequestBlocksTheBannedUser() throws Exception {
        String dave = api.login("dave@example.com", "dave-password");
        var res = api.get("/books", dave);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"P0001\",\"details\":null,\"hint\":\"Contact support\","
                        + "\"message\":\"user dave@example.com is banned\"}");
    }

    // SQL user management: login

    @Test
    void loginReturnsAWorkingToken() throws Exception {
        var res = api.post("/rpc/login", "{\"email\":\"bob@example.com\",\"pass\":\"bob-password\"}", null);
        assertThat(res.statusCode()).isEqualTo(200);
        String token = json(res).get("token").asText();
        JsonNode claims = Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("role").asText()).isEqualTo("bob");
        assertThat(claims.get("exp").asLong()).isGreaterThan(System.currentTimeMillis() / 1000 + 3000);
        assertThat(api.get("/rpc/whoami", token).body()).isEqualTo("\"bob\"");
    }

    @Test
    void wrongPasswordIs403() throws Exception {
        var res = api.post("/rpc/login", "{\"email\":\"alice@example.com\",\"pass\":\"wrong\"}", null);
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"28P01\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"invalid user or password\"}");
    }

    // Schema isolation

    @Test
    void privateSchemasAreInvisible() throws Exception {
        for (String path : new String[] {"/secrets", "/banned", "/users", "/rpc/check_user", "/rpc/user_role"}) {
            var res = api.get(path, alice);
            assertThat(res.statusCode()).as(path).isEqualTo(404);
        }
        var profile = api.send(api.request("/secrets").header("Accept-Profile", "private"), alice);
        assertThat(profile.statusCode()).isEqualTo(406);
        assertThat(json(profile).get("code").asText()).isEqualTo("PGRST106");
    }

    // Asymmetric keys: an RS256 public key as jwt-secret, and an identity provider's JWKS

    @Test
    void rs256PublicJwkAsSecret() throws Exception {
        KeyPair keys = rsaKeyPair();
        try (PgapiServer server = Api.serve(Map.of("PGRST_JWT_SECRET", publicJwk(keys, "")))) {
            var rsApi = Api.of(server);
            String token = rs256(keys.getPrivate(), "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"role\":\"alice\"}");
            assertThat(rsApi.get("/rpc/whoami", token).body()).isEqualTo("\"alice\"");
            assertThat(rsApi.get("/chat?select=message_subject&message_subject=eq.Reminder", token)
                            .body())
                    .isEqualTo("[{\"message_subject\":\"Reminder\"}]");
            // the example's HMAC secret is not configured on this server
            assertThat(rsApi.get("/rpc/whoami", carol).statusCode()).isEqualTo(401);
            // nor can the public key be used as an HMAC secret
            String swapped = Api.hmac(
                    "HmacSHA256",
                    publicJwk(keys, "").getBytes(StandardCharsets.UTF_8),
                    b64("{\"alg\":\"HS256\"}") + "." + b64("{\"role\":\"alice\"}"));
            assertThat(rsApi.get("/rpc/whoami", swapped).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void keysFromAnOpenIdProviderWorkNextToTheSecret() throws Exception {
        KeyPair keys = rsaKeyPair();
        HttpServer idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String issuer = "http://127.0.0.1:" + idp.getAddress().getPort();
        serve(
                idp,
                "/.well-known/openid-configuration",
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}");
        serve(idp, "/certs", "{\"keys\":[" + publicJwk(keys, "\"kid\":\"k1\",\"use\":\"sig\",") + "]}");
        idp.start();
        try (PgapiServer server = Api.serve(Map.of("PGRST_JWT_OIDC_ISSUER", issuer))) {
            var oidcApi = Api.of(server);
            String token = rs256(
                    keys.getPrivate(),
                    "{\"alg\":\"RS256\",\"kid\":\"k1\"}",
                    "{\"role\":\"bob\",\"email\":\"bob@example.com\"}");
            assertThat(oidcApi.get("/rpc/whoami", token).body()).isEqualTo("\"bob\"");
            assertThat(oidcApi.get("/rpc/whoami", carol).body())
                    .as("jwt-secret still works")
                    .isEqualTo("\"webuser\"");
            var unknownKid = rs256(keys.getPrivate(), "{\"alg\":\"RS256\",\"kid\":\"k2\"}", "{\"role\":\"bob\"}");
            assertThat(oidcApi.get("/rpc/whoami", unknownKid).statusCode()).isEqualTo(401);
        } finally {
            idp.stop(0);
        }
    }

    private static void serve(HttpServer server, String path, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    static KeyPair rsaKeyPair() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The public half as a JWK; {@code extra} is inserted verbatim. */
    static String publicJwk(KeyPair keys, String extra) {
        var pub = (RSAPublicKey) keys.getPublic();
        return "{" + extra + "\"kty\":\"RSA\",\"alg\":\"RS256\",\"n\":\"" + b64(unsigned(pub.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}";
    }

    static String rs256(PrivateKey key, String header, String payload) throws Exception {
        String input = b64(header) + "." + b64(payload);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
