package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The computed field {@code api.full_title(api.books)} (migration V40) over HTTP. */
class ComputedFieldsIT {

    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String body(String path) throws Exception {
        HttpResponse<String> res = http.get(path);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res.body();
    }

    @Test
    void aComputedFieldIsSelectableLikeAColumn() throws Exception {
        assertThat(body("/books?select=id,full_title&id=in.(1,6)&order=id"))
                .isEqualTo("[{\"id\":1,\"full_title\":\"A Wizard of Earthsea by Ursula K. Le Guin\"}, \n "
                        + "{\"id\":6,\"full_title\":\"Beowulf\"}]");
        assertThat(body("/books?select=label:full_title&id=eq.5"))
                .isEqualTo("[{\"label\":\"Kindred by Octavia E. Butler\"}]");
    }

    @Test
    void starLeavesComputedFieldsOut() throws Exception {
        assertThat(body("/books?id=eq.6")).startsWith("[{\"id\":6,").doesNotContain("full_title");
    }

    @Test
    void aComputedFieldFiltersAndOrders() throws Exception {
        assertThat(body("/books?select=id&full_title=like.*Pratchett&order=id"))
                .isEqualTo("[{\"id\":3}, \n {\"id\":4}]");
        assertThat(body("/books?select=id&author_id=eq.1&order=full_title.desc"))
                .isEqualTo("[{\"id\":2}, \n {\"id\":1}]");
    }

    @Test
    void aComputedFieldWorksInsideAnEmbed() throws Exception {
        assertThat(body("/authors?select=name,books(full_title)&id=eq.3&books.full_title=like.K*"))
                .isEqualTo(
                        "[{\"name\":\"Octavia E. Butler\",\"books\":[{\"full_title\": \"Kindred by Octavia E. Butler\"}]}]");
    }

    @Test
    void aWriteReturnsAComputedFieldOfTheWrittenRow() throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/books?select=full_title&id=eq.5"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Kindred\"}"))
                .header("Content-Type", "application/json")
                .header("Prefer", "return=representation")
                .header("Authorization", "Bearer " + Api.token("{\"role\":\"webuser\"}"))
                .build();
        HttpResponse<String> res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"full_title\":\"Kindred by Octavia E. Butler\"}]");
    }

    @Test
    void aFunctionWithAnUnnamedRowArgumentIsNoRpc() throws Exception {
        assertThat(http.get("/rpc/full_title").statusCode()).isEqualTo(404);
    }
}
