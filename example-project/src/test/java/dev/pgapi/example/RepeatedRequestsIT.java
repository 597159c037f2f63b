package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same request many times over one pooled connection: the JDBC driver changes how it sends a statement after a
 * few uses (server-side prepared statements), and the settings, the pre-request call and the main statement must
 * still run in one transaction as the token's role every time.
 */
class RepeatedRequestsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int REPEATS = 12;
    private static DevServer server;
    private static String aliceToken;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_POOL", "1"));
        var login = send(
                HttpRequest.newBuilder(uri("/rpc/login"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"alice@example.com\",\"pass\":\"alice-password\"}"))
                        .header("Content-Type", "application/json"),
                null);
        aliceToken = new ObjectMapper().readTree(login.body()).get("token").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void repeatedReadWithATokenKeepsRunningAsTheTokensRole() throws Exception {
        for (int i = 0; i < REPEATS; i++) {
            var res = send(
                    HttpRequest.newBuilder(uri("/books?select=id,title&id=eq.5"))
                            .GET(),
                    aliceToken);
            assertThat(res.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(res.body()).isEqualTo("[{\"id\":5,\"title\":\"Kindred\"}]");
        }
    }

    @Test
    void repeatedCallSeesTheRoleAndClaimsSetInTheSameTransaction() throws Exception {
        for (int i = 0; i < REPEATS; i++) {
            var whoami = send(HttpRequest.newBuilder(uri("/rpc/whoami")).GET(), aliceToken);
            assertThat(whoami.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(whoami.body()).isEqualTo("\"alice\"");
        }
    }

    @Test
    void repeatedAnonymousReadKeepsWorking() throws Exception {
        for (int i = 0; i < REPEATS; i++) {
            var res = send(
                    HttpRequest.newBuilder(uri("/authors?select=name&id=eq.2")).GET(), null);
            assertThat(res.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(res.body()).isEqualTo("[{\"name\":\"Terry Pratchett\"}]");
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder, String token) throws Exception {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
