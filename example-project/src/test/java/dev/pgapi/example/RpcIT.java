package dev.pgapi.example;

import static dev.pgapi.example.ApiClient.header;
import static dev.pgapi.example.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /rpc/<fn>} over HTTP: argument forms, overloads, result shapes, reads on results, read-only calls. */
class RpcIT {

    private static DevServer server;
    private static ApiClient anon;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        anon = new ApiClient(server.port(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void varyIsSentOnEverySuccessfulResponseAsPostgrest16DoesAndNotOnErrors() throws Exception {
        String vary = "Accept, Prefer, Range";
        assertThat(header(anon.send("POST", "/rpc/add", "{\"a\":1,\"b\":2}"), "Vary"))
                .isEqualTo(vary);
        assertThat(header(anon.get("/rpc/add?a=1&b=2"), "Vary")).isEqualTo(vary);
        assertThat(header(anon.get("/"), "Vary")).isEqualTo(vary);
        assertThat(header(anon.get("/books?id=eq.1"), "Vary")).isEqualTo(vary);
        var error = anon.get("/bookz");
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(header(error, "Vary")).isNull();
    }

    @Test
    void formArguments() throws Exception {
        var res = anon.send("POST", "/rpc/add", "a=1&b=2", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("3");
    }

    @Test
    void arrayBodyCallsWithItsFirstObject() throws Exception {
        assertThat(anon.send("POST", "/rpc/add", "[{\"a\":1,\"b\":2},{\"a\":4,\"b\":6}]")
                        .body())
                .isEqualTo("3");
    }

    @Test
    void columnsPicksTheArguments() throws Exception {
        var res = anon.send("POST", "/rpc/describe?columns=thing", "{\"thing\":5,\"loud\":true}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("\"integer 5\"");
    }

    @Test
    void singleUnnamedJsonParameterTakesTheWholeBody() throws Exception {
        assertThat(anon.send("POST", "/rpc/echo_json", "{\"a\":[1,2]}").body()).isEqualTo("{\"a\":[1,2]}");
        assertThat(anon.send("POST", "/rpc/echo_json", "[1,2]").body()).isEqualTo("[1,2]");
    }

    @Test
    void singleUnnamedTextParameterTakesAPlainTextBody() throws Exception {
        var res = anon.send("POST", "/rpc/shout", "hello", "Content-Type", "text/plain");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("\"HELLO\"");
    }

    @Test
    void variadicFromJsonArrayOrRepeatedParameters() throws Exception {
        assertThat(anon.send("POST", "/rpc/sum_all", "{\"nums\":[1,2,3]}").body())
                .isEqualTo("6");
        assertThat(anon.get("/rpc/sum_all?nums=1&nums=2&nums=3").body()).isEqualTo("6");
        assertThat(anon.get("/rpc/sum_all?nums=4").body()).isEqualTo("4");
    }

    @Test
    void overloadIsChosenByArgumentNames() throws Exception {
        assertThat(anon.get("/rpc/describe?thing=7").body()).isEqualTo("\"integer 7\"");
        assertThat(anon.get("/rpc/describe?thing=x&loud=true").body()).isEqualTo("\"TEXT X\"");
    }

    @Test
    void overloadsDifferingOnlyInTypesArePgrst203() throws Exception {
        var res = anon.get("/rpc/convert?x=1");
        assertThat(res.statusCode()).isEqualTo(300);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST203\",\"details\":null,\"hint\":\"Try renaming the"
                        + " parameters or the function itself in the database so function overloading can be resolved\","
                        + "\"message\":\"Could not choose the best candidate function between: api.convert(x => integer),"
                        + " api.convert(x => text)\"}");
    }

    @Test
    void unknownArgumentIsPgrst202WithTheClosestOverload() throws Exception {
        var res = anon.get("/rpc/describe?thing=1&bogus=2");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"PGRST202\",\"details\":\"Searched for the function api.describe"
                                + " with parameter(s) bogus, thing, but no matches were found in the schema cache.\","
                                + "\"hint\":\"Perhaps you meant to call the function api.describe(thing)\","
                                + "\"message\":\"Could not find the function api.describe(bogus, thing) in the schema cache\"}");
    }

    @Test
    void tableResultsAreSelectedFilteredAndOrdered() throws Exception {
        var res = anon.get("/rpc/books_by_author?author=2&select=title&order=id.desc");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"title\":\"Small Gods\"}, \n {\"title\":\"Guards! Guards!\"}]");
        // an argument and a filter on the result can share a name: the filter has an operator
        assertThat(anon.get("/rpc/books_by_author?author=1&id=gt.1&select=id").body())
                .isEqualTo("[{\"id\":2}]");
        assertThat(anon.get("/rpc/search_books?q=gods&select=id,title").body())
                .isEqualTo("[{\"id\":4,\"title\":\"Small Gods\"}]");
    }

    @Test
    void tableResultsEmbedThroughTheTablesRelationshipsAndErrorsNameTheTable() throws Exception {
        var res = anon.get("/rpc/search_books?q=gods&select=title,authors(name)");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"title\":\"Small Gods\",\"authors\":{\"name\": \"Terry Pratchett\"}}]");
        // PostgREST reads a function's table rows as that table: PostgreSQL's error names it
        var unknown = anon.get("/rpc/search_books?q=gods&select=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("column books.nope does not exist");
    }

    @Test
    void tableResultsArePagedAndCounted() throws Exception {
        var res = anon.send(
                "POST",
                "/rpc/search_books?select=id&order=id&limit=1&offset=1",
                "{\"q\":\"a\"}",
                "Prefer",
                "count=exact");
        assertThat(res.statusCode()).isEqualTo(206);
        assertThat(res.body()).isEqualTo("[{\"id\":2}]");
        assertThat(header(res, "Content-Range")).isEqualTo("1-1/4");
        assertThat(header(res, "Preference-Applied")).isEqualTo("count=exact");

        var empty = anon.get("/rpc/books_by_author?author=99");
        assertThat(empty.body()).isEqualTo("[]");
        assertThat(header(empty, "Content-Range")).isEqualTo("*/*");
    }

    @Test
    void headOnATableResultHasNoBody() throws Exception {
        var res = anon.send("HEAD", "/rpc/books_by_author?author=1", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
        assertThat(header(res, "Content-Range")).isEqualTo("0-1/*");
    }

    @Test
    void exactCountOnAScalar() throws Exception {
        var res = anon.get("/rpc/add?a=3&b=4", "Prefer", "count=exact");
        assertThat(res.body()).isEqualTo("7");
        assertThat(header(res, "Content-Range")).isEqualTo("0-0/1");
    }

    @Test
    void malformedArgumentIsRejectedBeforeTheDatabase() throws Exception {
        var res = anon.get("/rpc/add?a=abc&b=1");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"22P02\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"invalid input syntax for type integer: \\\"abc\\\"\"}");
        // dave is banned by the pre-request hook: a request reaching the database fails with P0001 instead
        var dave = anon.as("dave@example.com", "dave-password");
        assertThat(json(dave.send("POST", "/rpc/add", "{\"a\":\"x\",\"b\":1}"))
                        .get("code")
                        .asText())
                .isEqualTo("22P02");
        assertThat(json(dave.get("/rpc/add?a=99999999999&b=1")).get("message").asText())
                .isEqualTo("value \"99999999999\" is out of range for type integer");
        assertThat(json(dave.get("/rpc/add?a=1&b=2")).get("code").asText()).isEqualTo("P0001");
    }

    @Test
    void voidFunctionAnswers204() throws Exception {
        var res = anon.send("POST", "/rpc/touch_ticket_counter", "{}");
        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(res.body()).isEmpty();
        assertThat(header(res, "Content-Type")).isNull();
    }

    @Test
    void writesFailInTheReadOnlyTransactionOfGetAndOfStableFunctions() throws Exception {
        var get = anon.get("/rpc/take_ticket");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body())
                .isEqualTo("{\"code\":\"25006\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"cannot execute nextval() in a read-only transaction\"}");
        assertThat(anon.send("POST", "/rpc/take_ticket", "{}").statusCode()).isEqualTo(200);
        assertThat(anon.send("POST", "/rpc/peek_ticket", "{}").statusCode()).isEqualTo(405);
        assertThat(anon.get("/rpc/peek_ticket").statusCode()).isEqualTo(405);
    }

    @Test
    void queryParameterThatIsNotAFilterIsPgrst100OnPost() throws Exception {
        var res = anon.send("POST", "/rpc/add?a=1", "{\"b\":2}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST100");
    }

    @Test
    void maxAffectedNeedsASetReturningFunction() throws Exception {
        var scalar = anon.get("/rpc/add?a=1&b=2", "Prefer", "handling=strict, max-affected=1");
        assertThat(scalar.statusCode()).isEqualTo(400);
        assertThat(json(scalar).get("code").asText()).isEqualTo("PGRST128");
        var tooMany = anon.get("/rpc/books_by_author?author=1", "Prefer", "handling=strict, max-affected=1");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get("details").asText()).isEqualTo("The query affects 2 rows");
        var ok = anon.get("/rpc/books_by_author?author=1", "Prefer", "handling=strict, max-affected=2");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(header(ok, "Preference-Applied")).isEqualTo("handling=strict, max-affected=2");
    }

    @Test
    void singularResultOfATableFunction() throws Exception {
        var one = anon.get("/rpc/books_by_author?author=3&select=title", "Accept", "application/vnd.pgrst.object+json");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEqualTo("{\"title\":\"Kindred\"}");
        var two = anon.get("/rpc/books_by_author?author=1", "Accept", "application/vnd.pgrst.object+json");
        assertThat(two.statusCode()).isEqualTo(406);
        assertThat(json(two).get("code").asText()).isEqualTo("PGRST116");
    }

    @Test
    void csvOfATableResult() throws Exception {
        var res = anon.get("/rpc/books_by_author?author=1&select=id,title&order=id", "Accept", "text/csv");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(res.body()).isEqualTo("id,title\n1,\"A Wizard of Earthsea\"\n2,\"The Left Hand of Darkness\"");
    }

    @Test
    void csvOfAScalarNamesItsColumnPgrstScalar() throws Exception {
        var res = anon.get("/rpc/add?a=1&b=2", "Accept", "text/csv");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("pgrst_scalar\n3");
    }

    @Test
    void strippedNullsOnAFunctionResult() throws Exception {
        var res = anon.get(
                "/rpc/search_books?q=beowulf&select=id,author_id",
                "Accept",
                "application/vnd.pgrst.array+json;nulls=stripped");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "Content-Type"))
                .isEqualTo("application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8");
        assertThat(res.body()).isEqualTo("[{\"id\":6}]");
    }

    @Test
    void singularScalarAndSetOfScalars() throws Exception {
        var scalar = anon.get("/rpc/add?a=1&b=2", "Accept", "application/vnd.pgrst.object+json");
        assertThat(scalar.statusCode()).isEqualTo(200);
        assertThat(header(scalar, "Content-Type")).isEqualTo("application/vnd.pgrst.object+json; charset=utf-8");
        assertThat(scalar.body()).isEqualTo("3");
        var none = anon.get("/rpc/search_books?q=nothing-like-this", "Accept", "application/vnd.pgrst.object+json");
        assertThat(none.statusCode()).isEqualTo(406);
        assertThat(json(none).get("details").asText()).isEqualTo("The result contains 0 rows");
    }

    @Test
    void unavailableMediaTypeIs406() throws Exception {
        var res = anon.get("/rpc/add?a=1&b=2", "Accept", "text/unknowntype");
        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST107");
        assertThat(anon.get("/rpc/add?a=1&b=2", "Accept", "text/unknowntype, */*")
                        .body())
                .isEqualTo("3");
    }
}
