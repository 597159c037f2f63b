package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example service over HTTP: embedded PostgreSQL, the example's migrations, the committed generated code. */
class ExampleApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DevServer server;

    @BeforeAll
    static void start() throws IOException {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousReadReturnsJsonRenderedByPostgres() throws Exception {
        var res = get("/books?select=id,title&order=id.asc&limit=2", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(res.headers().firstValue("Content-Range")).hasValue("0-1/*");
        // json_agg's separator, byte for byte as PostgREST sends it
        assertThat(res.body())
                .isEqualTo(
                        "[{\"id\":1,\"title\":\"A Wizard of Earthsea\"}, \n {\"id\":2,\"title\":\"The Left Hand of Darkness\"}]");
    }

    @Test
    void eqFilterOffsetAndDescendingOrder() throws Exception {
        var res = get("/books?select=title&author_id=eq.2&order=id.desc&offset=1", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"title\":\"Guards! Guards!\"}]");
        assertThat(res.headers().firstValue("Content-Range")).hasValue("1-1/*");
    }

    @Test
    void viewIsServedLikeATable() throws Exception {
        var res = get("/book_details?select=title,author_name&id=eq.5", null);
        assertThat(res.body()).isEqualTo("[{\"title\":\"Kindred\",\"author_name\":\"Octavia E. Butler\"}]");
    }

    @Test
    void emptyResultIsAnEmptyArray() throws Exception {
        var res = get("/books?id=eq.999", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[]");
        assertThat(res.headers().firstValue("Content-Range")).hasValue("*/*");
    }

    @Test
    void unknownTableIsPgrst205WithHint() throws Exception {
        var res = get("/bookz", null);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST205\",\"details\":null,"
                        + "\"hint\":\"Perhaps you meant the table 'api.books'\","
                        + "\"message\":\"Could not find the table 'api.bookz' in the schema cache\"}");
        assertThat(res.headers().firstValue("Proxy-Status")).hasValue("PostgREST; error=PGRST205");
    }

    @Test
    void privateSchemaIsInvisible() throws Exception {
        var res = get("/secrets", null);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST205");
        assertThat(get("/private.secrets", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownColumnIsPostgresError42703() throws Exception {
        var res = get("/books?select=nope", null);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("42703");
    }

    @Test
    void malformedFilterIsPgrst100() throws Exception {
        var res = get("/books?id=0", null);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST100\",\"details\":\"unexpected \\\"0\\\" expecting"
                        + " \\\"not\\\" or operator (eq, gt, ...)\",\"hint\":null,"
                        + "\"message\":\"\\\"failed to parse filter (0)\\\" (line 1, column 1)\"}");
    }

    @Test
    void valueThatCannotBeAnIntegerIsPostgresError() throws Exception {
        var res = get("/books?id=eq.abc", null);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("22P02");
    }

    @Test
    void rpcWithNamedJsonArguments() throws Exception {
        var res = post("/rpc/add", "{\"a\":3,\"b\":4}", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("7");
    }

    @Test
    void rpcGetWithQueryArguments() throws Exception {
        var res = get("/rpc/add?a=1&b=2", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("3");
    }

    @Test
    void rpcReturningSetofRows() throws Exception {
        var res = post("/rpc/search_books", "{\"q\":\"gods\"}", null);
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode rows = json(res);
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("title").asText()).isEqualTo("Small Gods");
    }

    @Test
    void unknownFunctionIsPgrst202() throws Exception {
        var res = post("/rpc/ad", "{}", null);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST202");
    }

    @Test
    void loginReturnsATokenThatAuthenticatesLaterRequests() throws Exception {
        var login = post("/rpc/login", "{\"email\":\"alice@example.com\",\"pass\":\"alice-password\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        String token = json(login).get("token").asText();

        var anonymous = get("/chat", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("code").asText()).isEqualTo("42501");

        var mine = get("/chat?select=message_subject&order=message_subject.asc", token);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body())
                .isEqualTo("[{\"message_subject\":\"Hello\"}, \n {\"message_subject\":\"Re: Hello\"}, \n"
                        + " {\"message_subject\":\"Reminder\"}]");
    }

    @Test
    void wrongPasswordIs403() throws Exception {
        var res = post("/rpc/login", "{\"email\":\"alice@example.com\",\"pass\":\"nope\"}", null);
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(json(res).get("code").asText()).isEqualTo("28P01");
    }

    @Test
    void invalidTokenIsRejectedBeforeAnythingElse() throws Exception {
        var res = get("/no-such-table", "not.a.token");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void preRequestBlocksBannedUser() throws Exception {
        var login = post("/rpc/login", "{\"email\":\"dave@example.com\",\"pass\":\"dave-password\"}", null);
        String token = json(login).get("token").asText();
        var res = get("/books", token);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("hint").asText()).isEqualTo("Contact support");
    }

    @Test
    void rootDescribesTheApiAsOpenApi() throws Exception {
        var res = get("/", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/openapi+json; charset=utf-8");
        JsonNode doc = json(res);
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.get("paths").has("/books")).isTrue();
        assertThat(doc.get("paths").get("/rpc/add").has("get")).isTrue();
        assertThat(doc.get("paths").has("/secrets")).isFalse();
        assertThat(doc.at("/components/schemas/books/properties/id/type").asText())
                .isEqualTo("integer");
    }

    @Test
    void rootRefusesMediaTypesItCannotProduce() throws Exception {
        var res = send(
                HttpRequest.newBuilder(uri("/")).header("Accept", "text/csv").GET(), null);
        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST107");
    }

    @Test
    void deeperPathsArePgrst125() throws Exception {
        var res = get("/books/1", null);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST125\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Invalid path specified in request URL\"}");
    }

    @Test
    void optionsListsTheMethodsTheStructureAllows() throws Exception {
        var table = send(
                HttpRequest.newBuilder(uri("/books")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()), null);
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.headers().firstValue("Allow")).hasValue("OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE");
        var view = send(
                HttpRequest.newBuilder(uri("/rpc/add")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()), null);
        assertThat(view.headers().firstValue("Allow")).hasValue("OPTIONS,GET,HEAD,POST");
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json"),
                token);
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

    private static JsonNode json(HttpResponse<String> res) throws IOException {
        return JSON.readTree(res.body());
    }
}
