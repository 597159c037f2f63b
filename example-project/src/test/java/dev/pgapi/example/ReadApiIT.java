package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read API (GET/HEAD on tables and views) over HTTP against the example's PostgreSQL. */
class ReadApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.get(path, headers);
    }

    /** The ids of a JSON array of objects, in order. */
    private static List<Integer> ids(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        var out = new ArrayList<Integer>();
        for (JsonNode row : JSON.readTree(res.body())) {
            out.add(row.get("id").asInt());
        }
        return out;
    }

    private static List<Integer> specimens(String filter) throws Exception {
        return ids(get("/specimens?select=id&order=id&" + filter));
    }

    // ---- filters -------------------------------------------------------------------------------------------

    @Test
    void comparisonOperators() throws Exception {
        assertThat(specimens("id=eq.2")).containsExactly(2);
        assertThat(specimens("id=neq.2")).containsExactly(1, 3, 4);
        assertThat(specimens("id=gt.2")).containsExactly(3, 4);
        assertThat(specimens("id=gte.2")).containsExactly(2, 3, 4);
        assertThat(specimens("id=lt.2")).containsExactly(1);
        assertThat(specimens("id=lte.2")).containsExactly(1, 2);
        assertThat(specimens("score=gt.2")).containsExactly(2);
        assertThat(specimens("flag=eq.true")).containsExactly(1, 3);
        assertThat(specimens("uid=eq.00000000-0000-4000-8000-0000000000b2")).containsExactly(2);
    }

    @Test
    void patternOperatorsWithStarAsWildcard() throws Exception {
        assertThat(specimens("name=like.*ta")).containsExactly(2);
        assertThat(specimens("name=ilike.GAMMA*")).containsExactly(3);
        assertThat(specimens("name=match.^[ab]")).containsExactly(1, 2);
        assertThat(specimens("name=imatch.^G")).containsExactly(3);
        assertThat(specimens("name=like(any).{al*,be*}")).containsExactly(1, 2);
        assertThat(specimens("name=like(all).{*a*,*l*}")).containsExactly(1);
        assertThat(specimens("id=gt(all).{1,2}")).containsExactly(3, 4);
        assertThat(specimens("id=eq(any).{1,3}")).containsExactly(1, 3);
    }

    @Test
    void inListsWithQuotedValues() throws Exception {
        assertThat(specimens("id=in.(1,3)")).containsExactly(1, 3);
        assertThat(specimens("id=not.in.(1,3)")).containsExactly(2, 4);
        assertThat(specimens("id=in.()")).isEmpty();
        assertThat(specimens("id=not.in.()")).containsExactly(1, 2, 3, 4);
        assertThat(specimens("name=in.(%22Gamma,%20%5C%22quoted%5C%22%22,beta)"))
                .containsExactly(2, 3);
    }

    @Test
    void isAndIsDistinct() throws Exception {
        assertThat(specimens("name=is.null")).containsExactly(4);
        assertThat(specimens("name=not.is.null")).containsExactly(1, 2, 3);
        assertThat(specimens("name=is.not_null")).containsExactly(1, 2, 3);
        assertThat(specimens("name=is.NULL")).containsExactly(4);
        assertThat(specimens("flag=is.true")).containsExactly(1, 3);
        assertThat(specimens("flag=is.false")).containsExactly(2);
        assertThat(specimens("flag=is.unknown")).containsExactly(4);
        assertThat(specimens("name=isdistinct.beta")).containsExactly(1, 3, 4);
        assertThat(get("/specimens?name=is.nil").statusCode()).isEqualTo(400);
    }

    @Test
    void fullTextSearchOnTsvectorAndText() throws Exception {
        assertThat(specimens("doc=fts.fox")).containsExactly(1, 3);
        assertThat(specimens("doc=fts(english).fox%20%26%20quick")).containsExactly(1);
        assertThat(specimens("doc=plfts.quick%20fox")).containsExactly(1);
        assertThat(specimens("doc=phfts(english).brown%20fox")).containsExactly(1);
        assertThat(specimens("doc=wfts.fox%20-quick")).containsExactly(3);
        assertThat(specimens("body=fts(english).dogs")).containsExactly(2, 3);
        assertThat(specimens("doc=not.fts.fox")).containsExactly(2);
    }

    @Test
    void arrayRangeAndJsonContainment() throws Exception {
        assertThat(specimens("tags=cs.{b}")).containsExactly(1, 2);
        assertThat(specimens("tags=cd.{a,b,c}")).containsExactly(1, 2, 3);
        assertThat(specimens("tags=ov.{a,c}")).containsExactly(1, 2, 3);
        assertThat(specimens("data=cs.%7B%22color%22%3A%22red%22%7D")).containsExactly(1, 3);
        assertThat(specimens("period=cs.[7,8)")).containsExactly(2);
        assertThat(specimens("period=sl.[10,20)")).containsExactly(1, 2);
        assertThat(specimens("period=sr.[6,8)")).containsExactly(3);
        assertThat(specimens("period=nxr.[0,6)")).containsExactly(1);
        assertThat(specimens("period=nxl.[4,6)")).containsExactly(2, 3);
        assertThat(specimens("period=adj.[10,20)")).containsExactly(2, 3);
        assertThat(specimens("period=ov.[4,6)")).containsExactly(1, 2);
    }

    @Test
    void logicTreesNestedAndNegated() throws Exception {
        assertThat(specimens("or=(id.eq.1,id.eq.3)")).containsExactly(1, 3);
        assertThat(specimens("not.or=(id.eq.1,id.eq.3)")).containsExactly(2, 4);
        assertThat(specimens("or=(id.eq.4,and(flag.is.true,name.like.*a*))")).containsExactly(1, 3, 4);
        assertThat(specimens("and=(id.gt.1,or(name.eq.beta,name.not.is.null))")).containsExactly(2, 3);
        assertThat(specimens("or=(name.eq.%22Gamma,%20%5C%22quoted%5C%22%22,id.eq.1)"))
                .containsExactly(1, 3);
        assertThat(specimens("or=(tags.cs.{c},id.in.(1,2))")).containsExactly(1, 2, 3);
        var empty = get("/specimens?or=()");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).get("message").asText())
                .isEqualTo("\"failed to parse logic tree (())\" (line 1, column 2)");
    }

    @Test
    void filtersOnJsonPaths() throws Exception {
        assertThat(specimens("data->>color=eq.red")).containsExactly(1, 3);
        assertThat(specimens("data->size->>w=eq.7")).containsExactly(2);
        assertThat(specimens("data->list->0=eq.3")).containsExactly(2);
        assertThat(specimens("or=(data->>color.eq.blue,id.eq.4)")).containsExactly(2, 4);
        var res = get("/specimens?select=id,color:data->>color,data->size->w&id=eq.1");
        assertThat(res.body()).isEqualTo("[{\"id\":1,\"color\":\"red\",\"w\":3}]");
    }

    @Test
    void castsAndRenames() throws Exception {
        assertThat(get("/books?id=eq.1&select=myId:id::text").body()).isEqualTo("[{\"myId\":\"1\"}]");
        var res = get("/books?select=id::fakecolumntype");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"42704\",\"details\":null,\"hint\":null,\"message\":\"type \\\"fakecolumntype\\\" does not exist\"}");
    }

    @Test
    void unknownColumnIsPostgresError() throws Exception {
        var res = get("/books?nope=eq.1");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(res.body()).get("code").asText()).isEqualTo("42703");
    }

    // ---- counts, ranges, paging ----------------------------------------------------------------------------

    @Test
    void exactCountGives206AndContentRangeWithTotal() throws Exception {
        var res = get("/books?select=id&order=id&limit=2", "Prefer", "count=exact");
        assertThat(res.statusCode()).isEqualTo(206);
        assertThat(res.headers().firstValue("Content-Range")).hasValue("0-1/6");
        assertThat(res.headers().firstValue("Preference-Applied")).hasValue("count=exact");
        var all = get("/books?select=id&author_id=eq.1", "Prefer", "count=exact");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Range")).hasValue("0-1/2");
        var none = get("/books?select=id&id=eq.99", "Prefer", "count=exact");
        assertThat(none.headers().firstValue("Content-Range")).hasValue("*/0");
    }

    @Test
    void offsetBeyondTotalIs416WithTotal() throws Exception {
        var res = get("/books?offset=100", "Prefer", "count=exact");
        assertThat(res.statusCode()).isEqualTo(416);
        assertThat(res.headers().firstValue("Content-Range")).hasValue("*/6");
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST103\",\"details\":\"An offset of 100 was requested, but"
                        + " there are only 6 rows.\",\"hint\":null,\"message\":\"Requested range not satisfiable\"}");
    }

    @Test
    void plannedAndEstimatedCountsUseThePlanner() throws Exception {
        var planned = get("/books?select=id&limit=1", "Prefer", "count=planned");
        assertThat(planned.headers().firstValue("Preference-Applied")).hasValue("count=planned");
        assertThat(planned.headers().firstValue("Content-Range").orElseThrow()).matches("0-0/[0-9]+");
        long plannedTotal = Long.parseLong(get("/books?select=id", "Prefer", "count=planned")
                .headers()
                .firstValue("Content-Range")
                .orElseThrow()
                .replaceAll(".*/", ""));
        // without db-max-rows PostgREST answers the larger of the exact count (6) and the planner's estimate
        long expected = Math.max(6, plannedTotal);
        var estimated = get("/books?select=id", "Prefer", "count=estimated");
        assertThat(estimated.headers().firstValue("Content-Range")).hasValue("0-5/" + expected);
        assertThat(estimated.statusCode()).isEqualTo(expected > 6 ? 206 : 200);
    }

    @Test
    void rangeHeaderIsIntersectedWithLimitAndOffset() throws Exception {
        var res = get("/books?select=id&order=id&limit=3", "Range", "0-1");
        assertThat(ids(res)).containsExactly(1, 2);
        assertThat(res.headers().firstValue("Content-Range")).hasValue("0-1/*");
        var counted = get("/books?select=id&order=id", "Range", "2-3", "Prefer", "count=exact");
        assertThat(counted.statusCode()).isEqualTo(206);
        assertThat(counted.headers().firstValue("Content-Range")).hasValue("2-3/6");
        assertThat(get("/books?select=id&order=id&offset=1", "Range", "0-1").body())
                .isEqualTo("[{\"id\":2}]");
        assertThat(ids(get("/books?select=id&order=id", "Range", "nonsense"))).hasSize(6);
        var reversed = get("/books", "Range", "1-0");
        assertThat(reversed.statusCode()).isEqualTo(416);
        assertThat(JSON.readTree(reversed.body()).get("details").asText())
                .isEqualTo("The lower boundary must be lower than or equal to the upper boundary in the Range header.");
    }

    @Test
    void limitZeroAndNegativeLimit() throws Exception {
        var zero = get("/books?limit=0");
        assertThat(zero.body()).isEqualTo("[]");
        assertThat(zero.headers().firstValue("Content-Range")).hasValue("*/*");
        var negative = get("/books?limit=-1");
        assertThat(negative.statusCode()).isEqualTo(416);
        assertThat(get("/books?select=id&order=id&offset=-4").headers().firstValue("Content-Range"))
                .hasValue("0-5/*");
    }

    @Test
    void headHasHeadersButNoBody() throws Exception {
        var res = http.send("HEAD", "/books?select=id&order=id&limit=3&offset=2");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
        assertThat(res.headers().firstValue("Content-Range")).hasValue("2-4/*");
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        // PostgREST omits Content-Length on HEAD; Helidon sends "Content-Length: 0" for a response without entity
        var counted = http.send("HEAD", "/books?select=id,authors!inner(id)&authors.id=eq.2", "Prefer", "count=exact");
        assertThat(counted.headers().firstValue("Content-Range")).hasValue("0-1/2");
    }

    // ---- representations -----------------------------------------------------------------------------------

    @Test
    void readHeaders() throws Exception {
        var res = get("/books?title=eq.Kindred&select=id");
        assertThat(res.body()).isEqualTo("[{\"id\":5}]");
        assertThat(res.headers().firstValue("Content-Range")).hasValue("0-0/*");
        assertThat(res.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(res.headers().firstValue("Content-Location")).hasValue("/books?select=id&title=eq.Kindred");
        assertThat(res.headers().firstValue("Vary")).hasValue("Accept, Prefer, Range");
        assertThat(get("/books").headers().firstValue("Content-Location")).hasValue("/books");
        assertThat(get("/books?id=in.(1,%202)").headers().firstValue("Content-Location"))
                .hasValue("/books?id=in.%281%2C%202%29");
    }

    @Test
    void singularObject() throws Exception {
        var res = get("/books?id=eq.5&select=id,title", "Accept", "application/vnd.pgrst.object+json");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"id\":5,\"title\":\"Kindred\"}");
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.pgrst.object+json; charset=utf-8");
        var alias = get("/books?id=eq.5&select=id", "Accept", "application/vnd.pgrst.object");
        assertThat(alias.body()).isEqualTo("{\"id\":5}");
        var none = get("/books?id=gt.0&id=lt.0", "Accept", "application/vnd.pgrst.object+json");
        assertThat(none.statusCode()).isEqualTo(406);
        assertThat(none.body())
                .isEqualTo("{\"code\":\"PGRST116\",\"details\":\"The result contains 0 rows\","
                        + "\"hint\":null,\"message\":\"Cannot coerce the result to a single JSON object\"}");
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        var many = get("/books", "Accept", "application/vnd.pgrst.object+json");
        assertThat(JSON.readTree(many.body()).get("details").asText()).isEqualTo("The result contains 6 rows");
    }

    @Test
    void nullsStripped() throws Exception {
        var array = get(
                "/books?id=eq.6&select=id,author_id,published",
                "Accept",
                "application/vnd.pgrst.array+json;nulls=stripped");
        assertThat(array.body()).isEqualTo("[{\"id\":6}]");
        assertThat(array.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8");
        var object =
                get("/books?id=eq.6&select=id,author_id", "Accept", "application/vnd.pgrst.object+json;nulls=stripped");
        assertThat(object.body()).isEqualTo("{\"id\":6}");
        var plain = get("/books?id=eq.6&select=id,author_id", "Accept", "application/vnd.pgrst.array+json");
        assertThat(plain.body()).isEqualTo("[{\"id\":6,\"author_id\":null}]");
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void csvRenderedByPostgres() throws Exception {
        var res = get("/specimens?select=id,name,tags&order=id", "Accept", "text/csv; version=1");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(res.body())
                .isEqualTo(
                        "id,name,tags\n1,alpha,\"{a,b}\"\n2,beta,\"{b,c}\"\n" + "3,\"Gamma, \"\"quoted\"\"\",{c}\n4,,");
        assertThat(get("/books?id=eq.99", "Accept", "text/csv").body()).isEqualTo("\n");
    }

    @Test
    void acceptNegotiationWithQualities() throws Exception {
        var res = get("/books?id=eq.1&select=id", "Accept", "text/csv;q=0.5, application/json");
        assertThat(res.body()).isEqualTo("[{\"id\":1}]");
        var csv = get("/books?id=eq.1&select=id", "Accept", "application/json;q=0.2, text/csv");
        assertThat(csv.body()).isEqualTo("id\n1");
        assertThat(get("/books?id=eq.1", "Accept", "text/unknowntype, */*").statusCode())
                .isEqualTo(200);
        var unknown = get("/books", "Accept", "text/unknowntype");
        assertThat(unknown.statusCode()).isEqualTo(406);
        assertThat(unknown.body())
                .isEqualTo("{\"code\":\"PGRST107\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"None of these media types are available: text/unknowntype\"}");
    }

    // ---- embedding -----------------------------------------------------------------------------------------

    @Test
    void manyToOneAndOneToManyInJsonbSpacing() throws Exception {
        var res = get("/books?id=eq.1&select=id,%20title,%20authors(*),%20book_readers(reader_id)"
                + "&book_readers.order=reader_id");
        assertThat(res.body())
                .isEqualTo("[{\"id\":1,\"title\":\"A Wizard of Earthsea\","
                        + "\"authors\":{\"id\": 1, \"name\": \"Ursula K. Le Guin\"},"
                        + "\"book_readers\":[{\"reader_id\": 1}, {\"reader_id\": 2}]}]");
        assertThat(res.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(res.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        var nulls = get("/books?id=in.(5,6)&select=id,authors(id)&order=id");
        assertThat(nulls.body()).isEqualTo("[{\"id\":5,\"authors\":{\"id\": 3}}, \n {\"id\":6,\"authors\":null}]");
        var empty = get("/readers?id=eq.3&select=id,reviews!reviews_editor_fkey(id)");
        assertThat(empty.body()).isEqualTo("[{\"id\":3,\"reviews\":[]}]");
    }

    @Test
    void manyToManyThroughJunction() throws Exception {
        var res = get("/books?id=eq.1&select=id,readers(name)&readers.order=name.desc");
        assertThat(res.body()).isEqualTo("[{\"id\":1,\"readers\":[{\"name\": \"Ben\"}, {\"name\": \"Ann\"}]}]");
        var back = get("/readers?id=eq.2&select=name,books(id)&books.order=id");
        assertThat(back.body()).isEqualTo("[{\"name\":\"Ben\",\"books\":[{\"id\": 1}, {\"id\": 5}]}]");
    }

    @Test
    void oneToOneIsAnObjectBothWays() throws Exception {
        assertThat(get("/authors?id=eq.1&select=id,author_profiles(bio)").body())
                .isEqualTo("[{\"id\":1,\"author_profiles\":{\"bio\": \"Wrote Earthsea.\"}}]");
        assertThat(get("/author_profiles?author_id=eq.2&select=bio,authors(name)")
                        .body())
                .isEqualTo("[{\"bio\":\"Wrote Discworld.\",\"authors\":{\"name\": \"Terry Pratchett\"}}]");
        assertThat(get("/authors?id=eq.3&select=id,author_profiles(bio)").body())
                .isEqualTo("[{\"id\":3,\"author_profiles\":null}]");
    }

    @Test
    void nestedEmbeddingWithAliasesAndLevelParameters() throws Exception {
        var res = get("/authors?id=eq.1&select=name,works:books(title,fans:readers(name))"
                + "&works.order=id.desc&works.limit=1&works.fans.order=name");
        assertThat(res.body())
                .isEqualTo("[{\"name\":\"Ursula K. Le Guin\",\"works\":"
                        + "[{\"fans\": [], \"title\": \"The Left Hand of Darkness\"}]}]");
        var filtered = get("/authors?select=id,books(id)&books.id=gt.3&order=id");
        assertThat(filtered.body())
                .isEqualTo("[{\"id\":1,\"books\":[]}, \n {\"id\":2,\"books\":[{\"id\": 4}]}, \n"
                        + " {\"id\":3,\"books\":[{\"id\": 5}]}]");
        var offset = get("/authors?id=eq.2&select=id,books(id)&books.order=id&books.offset=1");
        assertThat(offset.body()).isEqualTo("[{\"id\":2,\"books\":[{\"id\": 4}]}]");
        var byName = get("/authors?id=eq.1&select=id,works:books(id)&books.id=eq.2");
        assertThat(byName.body()).isEqualTo("[{\"id\":1,\"works\":[{\"id\": 2}]}]");
        assertThat(byName.headers().firstValue("Warning"))
                .hasValue(
                        "299 PostgRESTv16.2 \"Embedded resource was"
                                + " referenced by relation name even though it has an alias. This is deprecated and will stop working"
                                + " in a future release. Update `books` to `works` in query string filters, orders or limits.\"");
        assertThat(res.headers().firstValue("Warning")).isEmpty();
    }

    @Test
    void withoutLegacyTargetNamesAnAliasedEmbedIsNamedByItsAliasOnly() throws Exception {
        try (var strict =
                server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_URL_USE_LEGACY_TARGET_NAMES", "false"))) {
            var http2 = new Http(strict.port());
            var byName = http2.get("/authors?id=eq.1&select=id,works:books(id)&books.id=eq.2");
            assertThat(byName.statusCode()).isEqualTo(400);
            assertThat(byName.body())
                    .isEqualTo("{\"code\":\"PGRST108\",\"details\":\"Target names are not allowed in"
                            + " filters if they have an alias\",\"hint\":\"Change 'books' to 'works' in filters, orders or"
                            + " limits.\",\"message\":\"'books' is not an embedded resource in this request\"}");
            var byAlias = http2.get("/authors?id=eq.1&select=id,works:books(id)&works.id=eq.2");
            assertThat(byAlias.body()).isEqualTo("[{\"id\":1,\"works\":[{\"id\": 2}]}]");
            assertThat(byAlias.headers().firstValue("Warning")).isEmpty();
            // the same table embedded twice: a filter on one never reaches the other
            var twice = http2.get("/authors?id=eq.1&select=id,books(id),works:books(id)&books.id=eq.1"
                    + "&books.order=id&works.order=id");
            assertThat(twice.body())
                    .isEqualTo("[{\"id\":1,\"books\":[{\"id\": 1}],\"works\":[{\"id\": 1}, {\"id\": 2}]}]");
        }
    }

    @Test
    void innerJoinAndNullFiltersOnEmbeds() throws Exception {
        assertThat(ids(get("/books?select=id,authors!inner(id)&authors.id=eq.2&order=id")))
                .containsExactly(3, 4);
        assertThat(ids(get("/books?select=id,authors(id)&authors.id=eq.2&order=id")))
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(ids(get("/books?select=id,authors(id)&authors=not.is.null&authors.id=eq.2&order=id")))
                .containsExactly(3, 4);
        assertThat(ids(get("/books?select=id,authors()&authors=is.null&order=id")))
                .containsExactly(6);
        assertThat(ids(get("/books?select=id,readers()&readers=is.null&order=id")))
                .containsExactly(2, 4, 6);
        assertThat(ids(get("/books?select=id,readers(),authors()&or=(readers.is.null,authors.is.null)&order=id")))
                .containsExactly(2, 4, 6);
        assertThat(get("/books?select=id,authors()&order=id&limit=1").body()).isEqualTo("[{\"id\":1}]");
        var bad = get("/books?select=id,authors(id)&authors=eq.1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .isEqualTo("{\"code\":\"PGRST120\",\"details\":\"Only is null or not is null filters"
                        + " are allowed on embedded resources\",\"hint\":null,"
                        + "\"message\":\"Bad operator on the 'authors' embedded resource\"}");
        var counted = get("/books?select=id,authors!inner(id)&authors.id=eq.1", "Prefer", "count=exact");
        assertThat(counted.headers().firstValue("Content-Range")).hasValue("0-1/2");
    }

    @Test
    void spreadLiftsToOneColumns() throws Exception {
        assertThat(get("/books?id=eq.3&select=title,...authors(author:name)").body())
                .isEqualTo("[{\"title\":\"Guards! Guards!\",\"author\":\"Terry Pratchett\"}]");
        assertThat(get("/books?id=eq.6&select=id,...authors(name)").body()).isEqualTo("[{\"id\":6,\"name\":null}]");
    }

    @Test
    void hintsDisambiguate() throws Exception {
        var ambiguous = get("/reviews?select=id,readers(name)");
        assertThat(ambiguous.statusCode()).isEqualTo(300);
        assertThat(ambiguous.body())
                .isEqualTo("{\"code\":\"PGRST201\",\"details\":["
                        + "{\"cardinality\":\"many-to-one\",\"embedding\":\"reviews with readers\","
                        + "\"relationship\":\"reviews_editor_fkey using reviews(editor_id) and readers(id)\"},"
                        + "{\"cardinality\":\"many-to-one\",\"embedding\":\"reviews with readers\","
                        + "\"relationship\":\"reviews_reviewer_fkey using reviews(reviewer_id) and readers(id)\"}],"
                        + "\"hint\":\"Try changing 'readers' to one of the following: 'readers!reviews_editor_fkey',"
                        + " 'readers!reviews_reviewer_fkey'. Find the desired relationship in the 'details' key.\","
                        + "\"message\":\"Could not embed because more than one relationship was found for 'reviews' and"
                        + " 'readers'\"}");
        assertThat(get("/reviews?id=eq.1&select=id,readers!reviews_reviewer_fkey(name)")
                        .body())
                .isEqualTo("[{\"id\":1,\"readers\":{\"name\": \"Ann\"}}]");
        assertThat(get("/reviews?id=eq.1&select=id,editor:readers!editor_id(name)")
                        .body())
                .isEqualTo("[{\"id\":1,\"editor\":{\"name\": \"Ben\"}}]");
        assertThat(get("/reviews?id=eq.1&select=id,reviewer_id(name)").body())
                .isEqualTo("[{\"id\":1,\"reviewer_id\":{\"name\": \"Ann\"}}]");
        assertThat(get("/books?id=eq.3&select=id,readers!book_readers(id)&readers.order=id")
                        .body())
                .isEqualTo("[{\"id\":3,\"readers\":[{\"id\": 1}, {\"id\": 3}]}]");
    }

    @Test
    void embeddingThroughViews() throws Exception {
        assertThat(get("/book_details?id=eq.5&select=title,authors(name)").body())
                .isEqualTo("[{\"title\":\"Kindred\",\"authors\":{\"name\": \"Octavia E. Butler\"}}]");
        assertThat(get("/authors?id=eq.2&select=id,book_details(title)&book_details.order=id")
                        .body())
                .isEqualTo("[{\"id\":2,\"book_details\":[{\"title\": \"Guards! Guards!\"}, "
                        + "{\"title\": \"Small Gods\"}]}]");
    }

    @Test
    void unknownRelationshipIsPgrst200WithSuggestion() throws Exception {
        var res = get("/books?select=id,author(*)");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST200\",\"details\":\"Searched for a foreign key"
                        + " relationship between 'books' and 'author' in the schema 'api', but no matches were found.\","
                        + "\"hint\":\"Perhaps you meant 'authors' instead of 'author'.\",\"message\":\"Could not find a"
                        + " relationship between 'books' and 'author' in the schema cache\"}");
        var hinted = get("/books?select=id,authors!nope(*)");
        assertThat(JSON.readTree(hinted.body()).get("details").asText())
                .isEqualTo("Searched for a foreign key"
                        + " relationship between 'books' and 'authors' using the hint 'nope' in the schema 'api', but no"
                        + " matches were found.");
        assertThat(get("/specimens?select=id,chat(*)").statusCode()).isEqualTo(400);
    }

    @Test
    void filterOnEmbedNotSelectedIsPgrst108() throws Exception {
        var res = get("/authors?select=*&non_existent_books.name=like.*x*");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST108\",\"details\":null,\"hint\":\"Verify that"
                        + " 'non_existent_books' is included in the 'select' query parameter.\",\"message\":"
                        + "\"'non_existent_books' is not an embedded resource in this request\"}");
    }

    // ---- ordering ------------------------------------------------------------------------------------------

    @Test
    void orderByJsonPathAndNulls() throws Exception {
        assertThat(ids(get("/specimens?select=id&order=data->size->>w.desc.nullslast,id")))
                .containsExactly(2, 1, 3, 4);
        assertThat(ids(get("/specimens?select=id&order=name.nullsfirst"))).containsExactly(4, 3, 1, 2);
        var bad = get("/books?order=id.asc.nullslasttt");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("details").asText())
                .isEqualTo("unexpected \"t\" expecting \",\" or end of input");
    }

    @Test
    void orderByRelatedToOneColumn() throws Exception {
        assertThat(ids(get("/books?select=id,authors(name)&order=authors(name).nullsfirst,id")))
                .containsExactly(6, 5, 3, 4, 1, 2);
        var toMany = get("/authors?select=id,books(id)&order=books(id)");
        assertThat(toMany.statusCode()).isEqualTo(400);
        assertThat(toMany.body())
                .isEqualTo("{\"code\":\"PGRST118\",\"details\":\"'authors' and 'books' do not"
                        + " form a many-to-one or one-to-one relationship\",\"hint\":null,"
                        + "\"message\":\"A related order on 'books' is not possible\"}");
    }
}
