package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.PgapiServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aggregates in {@code select=} (with {@code db-aggregates-enabled}) and spreads of to-many relationships, over
 * HTTP (json_agg separates top-level rows with a comma, a line break and a blank). Seed: reviews (id, book_id, reviewer_id, editor_id, stars) = (1,1,1,2,5), (2,1,2,null,4), (3,3,3,1,3).
 */
class AggregatesIT {

    private static DevServer server;
    private static PgapiServer disabled;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_AGGREGATES_ENABLED", "true"));
        disabled = server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_AGGREGATES_ENABLED", "false"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        disabled.close();
        server.close();
    }

    private static String body(String path) throws Exception {
        HttpResponse<String> res = http.get(path);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res.body();
    }

    @Test
    void aggregateOverAllRowsIsKeyedByTheFunctionName() throws Exception {
        assertThat(body("/reviews?select=stars.sum()")).isEqualTo("[{\"sum\":12}]");
        assertThat(body("/reviews?select=count()")).isEqualTo("[{\"count\":3}]");
        assertThat(body("/reviews?select=stars.avg(),stars.min(),stars.count()"))
                .isEqualTo("[{\"avg\":4.0000000000000000,\"min\":3,\"count\":3}]");
    }

    @Test
    void otherSelectedColumnsAreGroupedBy() throws Exception {
        assertThat(body("/reviews?select=book_id,count(),stars.max()&order=book_id"))
                .isEqualTo("[{\"book_id\":1,\"count\":2,\"max\":5}, \n {\"book_id\":3,\"count\":1,\"max\":3}]");
        assertThat(body("/authors?select=*,count()&id=eq.1"))
                .isEqualTo("[{\"id\":1,\"name\":\"Ursula K. Le Guin\",\"count\":1}]");
    }

    @Test
    void aliasesAndCastsOnInputAndOutput() throws Exception {
        assertThat(body("/reviews?select=total:stars.sum()::text,stars::float8.avg(),n:count()"))
                .isEqualTo("[{\"total\":\"12\",\"avg\":4,\"n\":3}]");
    }

    @Test
    void aggregatesInsideAnEmbeddedLevelAggregateItsRows() throws Exception {
        assertThat(body("/books?select=id,reviews(stars.sum())&id=in.(1,2)&order=id"))
                .isEqualTo("[{\"id\":1,\"reviews\":[{\"sum\": 9}]}, \n {\"id\":2,\"reviews\":[{\"sum\": null}]}]");
    }

    @Test
    void countWithoutParenthesesInsideAnEmbedIsItsRowCountEvenWithAggregatesDisabled() throws Exception {
        // PostgREST writes reviews_1.count, which PostgreSQL reads as count(reviews_1)
        String expected = "[{\"id\":1,\"reviews\":[{\"count\": 2}]}, \n {\"id\":2,\"reviews\":[{\"count\": 0}]}]";
        assertThat(body("/books?select=id,reviews(count)&id=in.(1,2)&order=id")).isEqualTo(expected);
        HttpResponse<String> off =
                new Http(disabled.port()).get("/books?select=id,reviews(count)&id=in.(1,2)&order=id");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(off.body()).isEqualTo(expected);
        assertThat(body("/authors?select=name,books(reviews(count))&id=eq.1"))
                .isEqualTo(
                        "[{\"name\":\"Ursula K. Le Guin\",\"books\":[{\"reviews\": [{\"count\": 2}]}, {\"reviews\": [{\"count\": 0}]}]}]");
    }

    @Test
    void anUnknownNameInsideAnEmbedIsPostgresqlsErrorNamingTheEmbeddingAlias() throws Exception {
        HttpResponse<String> res = http.get("/books?select=id,reviews(sum)");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"42703\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"column reviews_1.sum does not exist\"}");
        assertThat(http.get("/authors?select=books(reviews(sum))").body())
                .contains("\"column reviews_2.sum does not exist\"");
    }

    @Test
    void embeddingTheSameNameTwiceIsRefusedLikePostgrest() throws Exception {
        HttpResponse<String> res =
                http.get("/reviews?select=readers!reviews_reviewer_fkey(*)," + "readers!reviews_editor_fkey(*)");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"42712\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"table name \\\"reviews_readers_1\\\" specified more than once\"}");
        assertThat(body("/reviews?select=reviewer:readers!reviews_reviewer_fkey(id),"
                        + "editor:readers!reviews_editor_fkey(id)&id=eq.1"))
                .isEqualTo("[{\"reviewer\":{\"id\": 1},\"editor\":{\"id\": 2}}]");
    }

    @Test
    void anEmbedIsGroupedByLikeAColumn() throws Exception {
        assertThat(body("/books?select=authors(name),count()&author_id=eq.1"))
                .isEqualTo("[{\"authors\":{\"name\": \"Ursula K. Le Guin\"},\"count\":2}]");
    }

    @Test
    void aggregatesInsideAToOneSpreadAggregateOverTheParentsGroups() throws Exception {
        assertThat(body("/reviews?select=...books(author_id,id.count())&order=books(author_id)"))
                .isEqualTo("[{\"author_id\":1,\"count\":2}, \n {\"author_id\":2,\"count\":1}]");
        assertThat(body("/reviews?select=book_id,...books(total:id::text.max())&book_id=eq.3"))
                .isEqualTo("[{\"book_id\":3,\"total\":\"3\"}]");
    }

    @Test
    void aggregatesAreRefusedWhenDisabled() throws Exception {
        HttpResponse<String> res = new Http(disabled.port()).get("/reviews?select=stars.sum()");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST123\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Use of aggregate functions is not allowed\"}");
        assertThat(new Http(disabled.port())
                        .get("/books?select=id,reviews(count())")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aToManySpreadMakesAnArrayOfEachColumn() throws Exception {
        assertThat(body("/authors?select=name,...books(title,id)&books.order=id&id=eq.1"))
                .isEqualTo("[{\"name\":\"Ursula K. Le Guin\",\"title\":[\"A Wizard of Earthsea\", "
                        + "\"The Left Hand of Darkness\"],\"id\":[1, 2]}]");
        assertThat(body("/books?select=id,...readers(name)&id=in.(1,2)&order=id&readers.order=name.desc"))
                .isEqualTo("[{\"id\":1,\"name\":[\"Ben\", \"Ann\"]}, \n {\"id\":2,\"name\":[]}]");
    }

    @Test
    void aggregatesInsideAToManySpreadAreNotImplemented() throws Exception {
        HttpResponse<String> res = http.get("/authors?select=...books(id.count())");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"PGRST127\",\"details\":\"Aggregates are not implemented for"
                                + " one-to-many or many-to-many spreads.\",\"hint\":null,\"message\":\"Feature not implemented\"}");
    }
}
