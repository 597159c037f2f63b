package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgapi.runtime.PgapiServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer as clients meet it, written byte for byte on sockets: HTTP/1.0, {@code Connection: close}, HEAD,
 * requests the HTTP server refuses before pgapi code runs (always answered with PostgREST-style JSON), the header
 * timeout, {@code ;} in paths, reason phrases, and URLs with the raw characters people type.
 */
class HttpEdgeIT {

    /** Defaults. */
    private static PgapiServer server;
    /** Small limits, a 1 s header timeout, and the test-only pre-request hook that sets statuses on request. */
    private static PgapiServer tight;

    @BeforeAll
    static void start() throws IOException {
        server = Api.serve(Map.of());
        tight = Api.serve(Map.of(
                "PGRST_SERVER_MAX_REQUEST_LINE_SIZE", "1024",
                "PGRST_SERVER_MAX_HEADER_SIZE", "2048",
                "PGRST_SERVER_HEADER_TIMEOUT", "1",
                "PGRST_SERVER_MAX_BODY_SIZE", "100",
                "PGRST_DB_PRE_REQUEST", "hooks.probe_request"));
    }

    @AfterAll
    static void stop() {
        server.close();
        tight.close();
    }

    // ---- HTTP/1.0 and Connection: close -----------------------------------------------------------------------

    @Test
    void http10RequestIsAnsweredWithContentLengthAndTheConnectionCloses() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("GET /books?select=id&id=eq.1 HTTP/1.0\r\n\r\n");
            var res = http.read();
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("[{\"id\":1}]");
            assertThat(res.header("Content-Length")).isEqualTo("10");
            assertThat(res.header("Transfer-Encoding")).isNull();
            assertThat(res.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http10PostWithBodyIsServed() throws Exception {
        String body = "{\"email\":\"alice@example.com\",\"pass\":\"alice-password\"}";
        try (var http = new RawHttp(server.port())) {
            http.send("POST /rpc/login HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            var res = http.read();
            assertThat(res.status()).isEqualTo(200);
            assertThat(Api.JSON.readTree(res.body()).get("token").asText()).isNotEmpty();
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http10AfterHttp11OnOneConnectionIsJson505() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /books?select=id&id=eq.1 HTTP/1.0\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            var res = http.read();
            assertThat(res.statusLine()).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
            assertError(res, "PGRST505", "HTTP version not supported");
        }
    }

    @Test
    void connectionCloseIsHonouredEvenWithAnotherRequestPipelined() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    + "GET /books?select=id&id=eq.2 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            var res = http.read();
            assertThat(res.body()).isEqualTo("[{\"id\":1}]");
            assertThat(res.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void keepAliveConnectionServesRequestAfterRequest() throws Exception {
        try (var http = new RawHttp(server.port())) {
            for (int id = 1; id <= 3; id++) {
                http.send("GET /books?select=id&id=eq." + id + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(http.read().body()).isEqualTo("[{\"id\":" + id + "}]");
            }
        }
    }

    // ---- HEAD ---------------------------------------------------------------------------------------------------

    @Test
    void headErrorsHaveNoBodySoTheNextResponseOnTheConnectionIsIntact() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("HEAD /bookz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "HEAD /books?select=nope HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            var notFound = http.readHead();
            assertThat(notFound.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
            assertThat(notFound.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(notFound.header("Proxy-Status")).isEqualTo("PostgREST; error=PGRST205");
            assertThat(http.readHead().status()).isEqualTo(400);
            var next = http.read();
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(next.body()).isEqualTo("[{\"id\":1}]");
        }
    }

    @Test
    void headWithAnUnusableTokenIs401WithoutBody() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("HEAD /books HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x.y.z\r\n\r\n"
                    + "HEAD /books HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \r\n\r\n"
                    + "GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            var forged = http.readHead();
            assertThat(forged.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(forged.header("Proxy-Status")).isEqualTo("PostgREST; error=PGRST301");
            assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
            assertThat(http.readHead().status()).isEqualTo(401);
            assertThat(http.read().body()).isEqualTo("[{\"id\":1}]");
        }
    }

    @Test
    void percentEscapesJavaRefusesInAPathAreNotFoundOrBadRequestNever500() throws Exception {
        for (String path : new String[] {"/x%7B>", "/%ADO5%E4%F7%AA%7B>", "/chat%", "/rpc/whoami%zz"}) {
            try (var http = new RawHttp(server.port())) {
                http.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                var res = http.read();
                assertThat(res.status()).as(path + ": " + res.body()).isIn(400, 404);
                assertThat(res.body()).as(path).startsWith("{\"code\":\"PGRST");
            }
        }
    }

    @Test
    void headRefusedByTheHttpLayerHasNoBody() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("HEAD /books?title=eq.a b HTTP/1.1\r\nHost: localhost\r\n\r\n");
            var res = http.readHead();
            assertThat(res.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(res.header("Proxy-Status")).isEqualTo("PostgREST; error=PGRST400");
            assertThat(http.closedByServer()).as("nothing follows the headers").isTrue();
        }
    }

    // ---- errors of the HTTP layer are JSON ----------------------------------------------------------------------

    @Test
    void unparseableRequestLineIsJson400() throws Exception {
        for (String line : new String[] {"GARBAGE", "GET /books?title=eq.a b HTTP/1.1", "GET /books HTTP/9.9"}) {
            try (var http = new RawHttp(server.port())) {
                http.send(line + "\r\nHost: localhost\r\n\r\n");
                var res = http.read();
                assertThat(res.statusLine()).as(line).isEqualTo("HTTP/1.1 400 Bad Request");
                assertError(res, "PGRST400", "Bad request");
                assertThat(http.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void requestLineOverTheConfiguredSizeIsJson414() throws Exception {
        var tooLong = RawHttp.get(tight.port(), "/books?select=id&title=neq." + "x".repeat(1100));
        assertThat(tooLong.statusLine()).isEqualTo("HTTP/1.1 414 Request-URI Too Long");
        assertError(tooLong, "PGRST414", "URI too long");
        assertThat(Api.JSON.readTree(tooLong.body()).get("details").asText()).contains("1024 bytes");
        var fits = RawHttp.get(tight.port(), "/books?select=id&id=eq.1&title=neq." + "x".repeat(900));
        assertThat(fits.status()).isEqualTo(200);
        var longByDefault = RawHttp.get(server.port(), "/books?select=id&id=eq.1&title=neq." + "x".repeat(8000));
        assertThat(longByDefault.status()).isEqualTo(200);
    }

    @Test
    void headersOverTheConfiguredSizeAreJson400() throws Exception {
        try (var http = new RawHttp(tight.port())) {
            http.send("GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(3000)
                    + "\r\n\r\n");
            var res = http.read();
            assertThat(res.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertError(res, "PGRST400", "Bad request");
        }
        try (var http = new RawHttp(tight.port())) {
            http.send("GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(1500)
                    + "\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void malformedChunkSizeIsJson400AndClosesTheConnection() throws Exception {
        try (var http = new RawHttp(server.port())) {
            http.send("POST /rpc/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            var res = http.read();
            assertThat(res.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertError(res, "PGRST400", "Bad request");
            assertThat(res.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer())
                    .as("the rest of the body is not read as a request")
                    .isTrue();
        }
    }

    // ---- header timeout ------------------------------------------------------------------------------------------

    @Test
    void partialRequestLineIsClosedAfterTheHeaderTimeout() throws Exception {
        try (var http = new RawHttp(tight.port())) {
            http.send("GET /books?sel");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void partialHeadersAreClosedAfterTheHeaderTimeout() throws Exception {
        try (var http = new RawHttp(tight.port())) {
            http.send("GET /books HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnectionOutlivesTheHeaderTimeout() throws Exception {
        try (var http = new RawHttp(tight.port())) {
            http.send("GET /books?select=id&id=eq.1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            Thread.sleep(2500);
            http.send("GET /books?select=id&id=eq.2 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(http.read().body()).isEqualTo("[{\"id\":2}]");
        }
    }

    // ---- ; in paths ----------------------------------------------------------------------------------------------

    @Test
    void semicolonIsPartOfTheTableName() throws Exception {
        var res = RawHttp.get(server.port(), "/books;x?select=id");
        assertThat(res.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
        JsonNode body = Api.JSON.readTree(res.body());
        assertThat(body.get("code").asText()).isEqualTo("PGRST205");
        assertThat(body.get("message").asText())
                .isEqualTo("Could not find the table 'api.books;x' in the schema cache");
        var encoded = RawHttp.get(server.port(), "/books%3Bx?select=id");
        assertThat(encoded.body()).isEqualTo(res.body());
        var function = RawHttp.get(server.port(), "/rpc/whoami;x");
        assertThat(Api.JSON.readTree(function.body()).get("code").asText()).isEqualTo("PGRST202");
    }

    // ---- reason phrases ------------------------------------------------------------------------------------------

    @Test
    void everyStatusIsSentWithItsReasonPhrase() throws Exception {
        assertThat(statusLine(server, "GET /books?select=id&limit=1", "Prefer: count=exact"))
                .isEqualTo("HTTP/1.1 206 Partial Content");
        assertThat(statusLine(server, "GET /books?offset=100", "Prefer: count=exact"))
                .isEqualTo("HTTP/1.1 416 Requested Range Not Satisfiable");
        assertThat(statusLine(server, "DELETE /rpc/whoami")).isEqualTo("HTTP/1.1 405 Method Not Allowed");
        assertThat(statusLine(server, "GET /books", "Accept: text/xml")).isEqualTo("HTTP/1.1 406 Not Acceptable");
        assertThat(statusLine(tight, "POST /rpc/login", "Content-Type: application/json", "Content-Length: 200"))
                .isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        assertThat(statusLine(tight, "GET /books", "X-Probe: 53000")).isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(statusLine(tight, "GET /books", "X-Probe: pgrst")).isEqualTo("HTTP/1.1 332 My Custom Status");
    }

    @Test
    void statusesSetBySqlGetTheirStandardOrClassReasonPhrase() throws Exception {
        Map<String, String> expected = Map.of(
                "300", "HTTP/1.1 300 Multiple Choices",
                "418", "HTTP/1.1 418 I'm a teapot",
                "299", "HTTP/1.1 299 Successful",
                "451", "HTTP/1.1 451 Unavailable For Legal Reasons",
                "599", "HTTP/1.1 599 Server Error",
                "799", "HTTP/1.1 799 Unknown Status");
        for (var status : expected.entrySet()) {
            assertThat(statusLine(tight, "GET /books?select=id&id=eq.1", "X-Probe: status:" + status.getKey()))
                    .isEqualTo(status.getValue());
        }
    }

    // ---- URLs as people type them --------------------------------------------------------------------------------

    @Test
    void rawCharactersInTheQueryGiveTheSameRowsAsTheirPercentEncodedForm() throws Exception {
        Map<String, String> queries = Map.of(
                "/specimens?select=id&tags=cs.{a,b}",
                "[{\"id\":1}]",
                "/specimens?select=id,color:data->>color&data->>color=eq.blue",
                "[{\"id\":2,\"color\":\"blue\"}]",
                "/specimens?select=id&name=in.(\"alpha\",\"beta\")&order=id",
                "[{\"id\":1}, \n {\"id\":2}]",
                "/specimens?select=id&name=match.^[ab]&order=id",
                "[{\"id\":1}, \n {\"id\":2}]",
                "/specimens?select=id&name=match.^(beta|alpha)$&order=id",
                "[{\"id\":1}, \n {\"id\":2}]",
                "/specimens?select=id&name=not.in.(`x`,<y>,a|b,[z])&order=id",
                "[{\"id\":1}, \n {\"id\":2}, \n {\"id\":3}]");
        for (var query : queries.entrySet()) {
            var raw = RawHttp.get(server.port(), query.getKey());
            assertThat(raw.statusLine()).as(query.getKey()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(raw.body()).as(query.getKey()).isEqualTo(query.getValue());
            var encoded = RawHttp.get(server.port(), Http.escape(query.getKey()));
            assertThat(encoded.body()).as(query.getKey()).isEqualTo(raw.body());
        }
    }

    @Test
    void rawCharactersInThePathReachTheNotFoundAnswer() throws Exception {
        var res = RawHttp.get(server.port(), "/{books}");
        assertThat(res.status()).isEqualTo(404);
        assertThat(Api.JSON.readTree(res.body()).get("message").asText())
                .isEqualTo("Could not find the table 'api.{books}' in the schema cache");
    }

    private static String statusLine(PgapiServer target, String requestLine, String... headers) throws Exception {
        try (var http = new RawHttp(target.port())) {
            var request =
                    new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            http.send(request.append("\r\n").toString());
            return http.read().statusLine();
        }
    }

    private static void assertError(RawHttp.Response res, String code, String message) throws IOException {
        assertThat(res.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(res.header("Proxy-Status")).isEqualTo("PostgREST; error=" + code);
        JsonNode body = Api.JSON.readTree(res.body());
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(message);
    }
}
