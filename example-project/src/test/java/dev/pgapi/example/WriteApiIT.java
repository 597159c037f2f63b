package dev.pgapi.example;

import static dev.pgapi.example.ApiClient.header;
import static dev.pgapi.example.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST, PUT, PATCH and DELETE over HTTP with the example's configuration ({@code db-tx-end = commit}). Every test
 * writes its own keys so that tests do not depend on each other's data.
 */
class WriteApiIT {

    private static final String REPRESENTATION = "return=representation";
    private static DevServer server;
    private static ApiClient carol;
    private static ApiClient anon;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        anon = new ApiClient(server.port(), null);
        carol = anon.as("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // --- POST -------------------------------------------------------------------------------------------------

    @Test
    void insertAnswers201WithoutBodyOrContentType() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"INS-1\",\"name\":\"Gear\"}");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEmpty();
        assertThat(header(res, "Content-Type")).isNull();
        assertThat(header(res, "Content-Range")).isEqualTo("*/*");
        assertThat(header(res, "Location")).isNull();
        assertThat(header(res, "Preference-Applied")).isNull();
        assertThat(carol.get("/gadgets?select=name,price,stock&sku=eq.INS-1").body())
                .isEqualTo("[{\"name\":\"Gear\",\"price\":0,\"stock\":10}]");
    }

    @Test
    void insertArrayWithRepresentationSelectAndExactCount() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?select=sku,stock&order=sku.desc",
                "[{\"sku\":\"INS-2\",\"name\":\"A\"},{\"sku\":\"INS-3\",\"name\":\"B\"}]",
                "Prefer",
                REPRESENTATION,
                "Prefer",
                "count=exact");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(res.body()).isEqualTo("[{\"sku\":\"INS-3\",\"stock\":10}, \n {\"sku\":\"INS-2\",\"stock\":10}]");
        assertThat(header(res, "Content-Range")).isEqualTo("*/2");
        assertThat(header(res, "Preference-Applied")).isEqualTo("return=representation, count=exact");
    }

    @Test
    void objectsWithDifferentKeysArePgrst102() throws Exception {
        var res = carol.send("POST", "/gadgets", "[{\"sku\":\"K-1\",\"name\":\"a\"},{\"sku\":\"K-2\"}]");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"All object keys must match\"}");
    }

    @Test
    void unknownKeyIsPgrst204BeforeTheDatabaseChecksPrivileges() throws Exception {
        // anon may not insert into feedback at all; the unknown key is found first, without the database
        var res = anon.send("POST", "/feedback", "{\"helicopter\":1}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST204\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Could not find the 'helicopter' column of 'feedback' in the schema cache\"}");
    }

    @Test
    void columnsParameterValidatesItsNames() throws Exception {
        var unknown = carol.send("POST", "/gadgets?columns=sku,helicopter", "{\"sku\":\"C-0\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("message").asText())
                .isEqualTo("Could not find the 'helicopter' column of 'gadgets' in the schema cache");
        var empty = carol.send("POST", "/gadgets?columns=", "{\"sku\":\"C-0\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("code").asText()).isEqualTo("PGRST100");
    }

    @Test
    void columnsParameterIgnoresOtherKeysAndMissingKeysBecomeNull() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?columns=sku,name,notes&select=sku,notes&order=sku",
                "[{\"sku\":\"C-1\",\"name\":\"a\",\"notes\":\"n\",\"bogus\":1},{\"sku\":\"C-2\",\"name\":\"b\"}]",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"C-1\",\"notes\":\"n\"}, \n {\"sku\":\"C-2\",\"notes\":null}]");
    }

    @Test
    void missingDefaultUsesColumnDefaultsPerRow() throws Exception {
        var withNull = carol.send("POST", "/gadgets?columns=sku,name,stock", "[{\"sku\":\"M-0\",\"name\":\"a\"}]");
        assertThat(withNull.statusCode()).isEqualTo(400);
        assertThat(json(withNull).get("code").asText()).isEqualTo("23502");

        var res = carol.send(
                "POST",
                "/gadgets?columns=sku,name,stock&select=sku,stock&order=sku",
                "[{\"sku\":\"M-1\",\"name\":\"a\",\"stock\":3},{\"sku\":\"M-2\",\"name\":\"b\"}]",
                "Prefer",
                "missing=default, return=representation");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"M-1\",\"stock\":3}, \n {\"sku\":\"M-2\",\"stock\":10}]");
        assertThat(header(res, "Preference-Applied")).isEqualTo("missing=default, return=representation");
    }

    @Test
    void writesSendVaryAsPostgrest16Does() throws Exception {
        var created = carol.send("POST", "/gadgets", "{\"sku\":\"VARY-1\",\"name\":\"a\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(header(created, "Vary")).isEqualTo("Accept, Prefer, Range");
        var deleted = carol.send("DELETE", "/gadgets?sku=eq.VARY-1", null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(header(deleted, "Vary")).isEqualTo("Accept, Prefer, Range");
    }

    @Test
    void missingDefaultKeepsThePayloadOrder() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?columns=sku,name,stock&select=sku,stock",
                "[{\"sku\":\"S-1\",\"name\":\"a\"},{\"sku\":\"S-2\",\"name\":\"b\",\"stock\":3},"
                        + "{\"sku\":\"S-3\",\"name\":\"c\"}]",
                "Prefer",
                "missing=default, return=representation");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(res.body())
                .isEqualTo("[{\"sku\":\"S-1\",\"stock\":10}, \n {\"sku\":\"S-2\",\"stock\":3}, \n"
                        + " {\"sku\":\"S-3\",\"stock\":10}]");
    }

    @Test
    void missingDefaultCallsAListedIdentitysSequenceExplicitlyAsPostgrestDoes() throws Exception {
        // PostgREST writes nextval('api.gadgets_id_seq') into its statement: without USAGE on the sequence that is
        // PostgreSQL's 42501, even though a plain insert (the identity's own default) needs no sequence privilege
        var res = carol.send(
                "POST",
                "/gadgets?columns=id,sku,name",
                "[{\"sku\":\"S-4\",\"name\":\"d\"}]",
                "Prefer",
                "missing=default");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(json(res).get("message").asText()).isEqualTo("permission denied for sequence gadgets_id_seq");
    }

    @Test
    void mergeDuplicatesWithMissingDefaultOverwritesWithTheDefault() throws Exception {
        var first = carol.send("POST", "/gadgets", "{\"sku\":\"U-1\",\"name\":\"old\",\"stock\":3,\"notes\":\"x\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        var res = carol.send(
                "POST",
                "/gadgets?columns=sku,name,stock,notes&on_conflict=sku&select=sku,name,stock,notes",
                "[{\"sku\":\"U-1\",\"name\":\"new\"}]",
                "Prefer",
                "resolution=merge-duplicates, missing=default, return=representation");
        // no row was inserted: 200, as PostgREST answers an upsert that only updated
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"U-1\",\"name\":\"new\",\"stock\":10,\"notes\":null}]");
    }

    @Test
    void scalarBodyInsertsNothing() throws Exception {
        var res = carol.send("POST", "/gadgets", "1", "Prefer", REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[]");
    }

    @Test
    void emptyOrInvalidJsonIsPgrst102() throws Exception {
        for (String body : new String[] {"", "}{ x = 2"}) {
            var res = carol.send("POST", "/gadgets", body);
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(res.body())
                    .isEqualTo(
                            "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"Empty or invalid json\"}");
        }
    }

    @Test
    void csvBodyWithNullAndQuotedFields() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?select=sku,name,notes&order=sku",
                "sku,name,notes\nCSV-1,Plain,NULL\r\nCSV-2,\"Quoted, \"\"name\"\"\",\"\"\n",
                "Content-Type",
                "text/csv",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body())
                .isEqualTo("[{\"sku\":\"CSV-1\",\"name\":\"Plain\",\"notes\":null}, \n "
                        + "{\"sku\":\"CSV-2\",\"name\":\"Quoted, \\\"name\\\"\",\"notes\":\"\"}]");
    }

    @Test
    void csvLinesWithDifferentFieldCountsArePgrst102() throws Exception {
        var res = carol.send("POST", "/gadgets", "sku,name\nX,Y,Z", "Content-Type", "text/csv");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("message").asText()).isEqualTo("All lines must have same number of fields");
    }

    @Test
    void formBodyIsOneRowOfStrings() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?select=sku,name,price",
                "sku=F-1&name=Form+gadget&price=2.5",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"F-1\",\"name\":\"Form gadget\",\"price\":2.5}]");
    }

    @Test
    void otherContentTypeIsPgrst102() throws Exception {
        var res = carol.send("POST", "/gadgets", "hello", "Content-Type", "text/plain");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Content-Type not acceptable: text/plain\"}");
    }

    @Test
    void headersOnlyGivesTheLocationOfTheNewRow() throws Exception {
        var res = carol.send(
                "POST",
                "/languages?select=rank",
                "{\"name\":\"Objective C\",\"rank\":40}",
                "Prefer",
                "return=headers-only");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEmpty();
        assertThat(header(res, "Location")).isEqualTo("/languages?name=eq.Objective%20C");
        assertThat(header(res, "Content-Type")).isNull();
        assertThat(header(res, "Preference-Applied")).isEqualTo("return=headers-only");
    }

    @Test
    void insertOnlyTableAcceptsMinimalButNotRepresentation() throws Exception {
        var minimal = carol.send("POST", "/feedback", "{\"message\":\"nice\"}", "Prefer", "return=minimal");
        assertThat(minimal.statusCode()).isEqualTo(201);
        assertThat(header(minimal, "Preference-Applied")).isEqualTo("return=minimal");
        var representation = carol.send("POST", "/feedback", "{\"message\":\"nice\"}", "Prefer", REPRESENTATION);
        assertThat(representation.statusCode()).isEqualTo(403);
        assertThat(json(representation).get("code").asText()).isEqualTo("42501");
    }

    @Test
    void insertThroughAnAutoUpdatableView() throws Exception {
        var res = carol.send(
                "POST",
                "/cheap_gadgets?select=sku,price",
                "{\"sku\":\"V-1\",\"name\":\"x\",\"price\":1}",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"V-1\",\"price\":1}]");
        assertThat(carol.get("/gadgets?select=sku&sku=eq.V-1").body()).isEqualTo("[{\"sku\":\"V-1\"}]");
    }

    // --- constraint errors ---------------------------------------------------------------------------------------

    @Test
    void uniqueViolationIs409() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"G-1\",\"name\":\"dup\"}");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(res.body())
                .isEqualTo(
                        "{\"code\":\"23505\",\"details\":\"Key (sku)=(G-1) already exists.\","
                                + "\"hint\":null,\"message\":\"duplicate key value violates unique constraint \\\"gadgets_sku_key\\\"\"}");
    }

    @Test
    void foreignKeyViolationIs409() throws Exception {
        var res = carol.send("POST", "/books", "{\"title\":\"Nobody's\",\"author_id\":999}");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(json(res).get("code").asText()).isEqualTo("23503");
        assertThat(json(res).get("details").asText())
                .isEqualTo("Key (author_id)=(999) is not present in table \"authors\".");
    }

    @Test
    void notNullViolationIs400WithPostgresMessage() throws Exception {
        var res = carol.send("POST", "/languages", "{\"rank\":7}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"23502\",\"details\":\"Failing row contains (null, 7).\","
                        + "\"hint\":null,\"message\":\"null value in column \\\"name\\\" of relation \\\"languages\\\""
                        + " violates not-null constraint\"}");
    }

    @Test
    void checkViolationIs400() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"CHK-1\",\"name\":\"x\",\"price\":-1}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("23514");
        assertThat(json(res).get("message").asText())
                .isEqualTo("new row for relation \"gadgets\" violates check constraint \"gadgets_price_check\"");
    }

    @Test
    void failedBulkInsertLeavesNothingBehind() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets",
                "[{\"sku\":\"BULK-1\",\"name\":\"ok\",\"price\":1},{\"sku\":\"BULK-2\",\"name\":\"bad\",\"price\":-1}]");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(carol.get("/gadgets?sku=like.BULK-*").body()).isEqualTo("[]");
    }

    @Test
    void deferredUniqueViolationSurfacesAtCommitAs409() throws Exception {
        var res = carol.send("POST", "/seats", "{\"id\":100,\"seat\":1}");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(json(res).get("code").asText()).isEqualTo("23505");
        assertThat(carol.get("/seats?id=eq.100").body()).isEqualTo("[]");
    }

    @Test
    void tenThousandRowsInOnePost() throws Exception {
        var body = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            body.append(i > 0 ? "," : "").append("{\"sku\":\"TEN-").append(i).append("\",\"name\":\"n\"}");
        }
        var res = carol.send("POST", "/gadgets", body.append("]").toString(), "Prefer", "count=exact");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Content-Range")).isEqualTo("*/10000");
        var count = carol.get("/gadgets?select=id&sku=like.TEN-*", "Prefer", "count=exact");
        assertThat(json(count).size()).isEqualTo(10_000);
    }

    @Test
    void singularAcceptWithTwoRowsIs406AndNothingIsWritten() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets",
                "[{\"sku\":\"ONE-1\",\"name\":\"a\"},{\"sku\":\"ONE-2\",\"name\":\"b\"}]",
                "Accept",
                "application/vnd.pgrst.object+json",
                "Prefer",
                "tx=commit");
        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST116\",\"details\":\"The result contains 2 rows\","
                        + "\"hint\":null,\"message\":\"Cannot coerce the result to a single JSON object\"}");
        assertThat(carol.get("/gadgets?sku=like.ONE-*").body()).isEqualTo("[]");
    }

    @Test
    void singularAcceptWithOneRowIsAnObject() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?select=sku",
                "{\"sku\":\"SOLO-1\",\"name\":\"a\"}",
                "Accept",
                "application/vnd.pgrst.object+json",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Content-Type")).isEqualTo("application/vnd.pgrst.object+json; charset=utf-8");
        assertThat(res.body()).isEqualTo("{\"sku\":\"SOLO-1\"}");
    }

    @Test
    void csvRepresentationIsRenderedLikeAReadsCsv() throws Exception {
        var res = carol.send(
                "POST",
                "/gadgets?select=sku,name,notes&order=sku",
                "[{\"sku\":\"RCSV-1\",\"name\":\"a b\"},{\"sku\":\"RCSV-2\",\"name\":\"c\"}]",
                "Accept",
                "text/csv",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(res.body()).isEqualTo("sku,name,notes\nRCSV-1,\"a b\",\nRCSV-2,c,");
    }

    @Test
    void strippedNullsRepresentationOnPatch() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"STRIP-1\",\"name\":\"a\"}");
        var res = carol.send(
                "PATCH",
                "/gadgets?sku=eq.STRIP-1&select=sku,notes",
                "{\"stock\":3}",
                "Accept",
                "application/vnd.pgrst.array+json;nulls=stripped",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "Content-Type"))
                .isEqualTo("application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8");
        assertThat(res.body()).isEqualTo("[{\"sku\":\"STRIP-1\"}]");
    }

    @Test
    void unavailableMediaTypeIs406AndWritesNothing() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"ACC-1\",\"name\":\"a\"}", "Accept", "text/unknowntype");
        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST107\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"None of these media types are available: text/unknowntype\"}");
        assertThat(carol.get("/gadgets?sku=eq.ACC-1").body()).isEqualTo("[]");
    }

    @Test
    void singularAcceptAppliesWithReturnMinimalToo() throws Exception {
        carol.send("POST", "/gadgets", "[{\"sku\":\"MIN-1\",\"name\":\"a\"},{\"sku\":\"MIN-2\",\"name\":\"b\"}]");
        var two = carol.send(
                "PATCH",
                "/gadgets?sku=like.MIN-*",
                "{\"stock\":0}",
                "Accept",
                "application/vnd.pgrst.object+json",
                "Prefer",
                "return=minimal");
        assertThat(two.statusCode()).isEqualTo(406);
        assertThat(json(two).get("details").asText()).isEqualTo("The result contains 2 rows");
        assertThat(carol.get("/gadgets?select=stock&sku=like.MIN-*").body())
                .isEqualTo("[{\"stock\":10}, \n {\"stock\":10}]");

        var one = carol.send(
                "PATCH",
                "/gadgets?sku=eq.MIN-1",
                "{\"stock\":0}",
                "Accept",
                "application/vnd.pgrst.object+json",
                "Prefer",
                "return=minimal");
        assertThat(one.statusCode()).isEqualTo(204);
        assertThat(header(one, "Content-Type")).isNull();

        var none = carol.send("DELETE", "/gadgets?sku=eq.MIN-9", null, "Accept", "application/vnd.pgrst.object+json");
        assertThat(none.statusCode()).isEqualTo(406);
        assertThat(json(none).get("details").asText()).isEqualTo("The result contains 0 rows");
    }

    @Test
    void putWithSingularAcceptIsAnObject() throws Exception {
        var res = carol.send(
                "PUT",
                "/languages?name=eq.Solo&select=name,rank",
                "{\"name\":\"Solo\",\"rank\":40}",
                "Accept",
                "application/vnd.pgrst.object+json",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Content-Type")).isEqualTo("application/vnd.pgrst.object+json; charset=utf-8");
        assertThat(res.body()).isEqualTo("{\"name\":\"Solo\",\"rank\":40}");
    }

    @Test
    void txPreferenceIsIgnoredWithoutOverride() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"TX-1\",\"name\":\"a\"}", "Prefer", "tx=rollback");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Preference-Applied")).isNull();
        assertThat(carol.get("/gadgets?select=sku&sku=eq.TX-1").body()).isEqualTo("[{\"sku\":\"TX-1\"}]");
        var read = carol.get("/gadgets?select=sku&sku=eq.TX-1", "Prefer", "tx=rollback");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(header(read, "Preference-Applied")).isNull();
    }

    // --- upsert ------------------------------------------------------------------------------------------------

    @Test
    void mergeDuplicatesIs200WhenEveryRowExistedAnd201Otherwise() throws Exception {
        carol.send("POST", "/languages", "[{\"name\":\"Up-A\",\"rank\":10},{\"name\":\"Up-B\",\"rank\":11}]");
        var updated = carol.send(
                "POST",
                "/languages?select=name,rank&order=name",
                "[{\"name\":\"Up-A\",\"rank\":20},{\"name\":\"Up-B\",\"rank\":21}]",
                "Prefer",
                "return=representation, resolution=merge-duplicates");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).isEqualTo("[{\"name\":\"Up-A\",\"rank\":20}, \n {\"name\":\"Up-B\",\"rank\":21}]");
        assertThat(header(updated, "Preference-Applied"))
                .isEqualTo("resolution=merge-duplicates, return=representation");

        var mixed = carol.send(
                "POST",
                "/languages",
                "[{\"name\":\"Up-A\",\"rank\":30},{\"name\":\"Up-C\",\"rank\":31}]",
                "Prefer",
                "resolution=merge-duplicates");
        assertThat(mixed.statusCode()).isEqualTo(201);
        assertThat(carol.get("/languages?select=rank&name=in.(Up-A,Up-C)&order=rank")
                        .body())
                .isEqualTo("[{\"rank\":30}, \n {\"rank\":31}]");
    }

    @Test
    void ignoreDuplicatesKeepsExistingRows() throws Exception {
        carol.send("POST", "/languages", "{\"name\":\"Ig-A\",\"rank\":1}");
        var res = carol.send(
                "POST",
                "/languages?select=name",
                "[{\"name\":\"Ig-A\",\"rank\":99},{\"name\":\"Ig-B\",\"rank\":2}]",
                "Prefer",
                "resolution=ignore-duplicates, return=representation");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).isEqualTo("[{\"name\":\"Ig-B\"}]");
        assertThat(carol.get("/languages?select=rank&name=eq.Ig-A").body()).isEqualTo("[{\"rank\":1}]");
    }

    @Test
    void onConflictPicksAUniqueKey() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"OC-1\",\"name\":\"old\"}");
        var res = carol.send(
                "POST",
                "/gadgets?on_conflict=sku&select=sku,name",
                "{\"sku\":\"OC-1\",\"name\":\"new\"}",
                "Prefer",
                "resolution=merge-duplicates",
                "Prefer",
                REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"OC-1\",\"name\":\"new\"}]");
    }

    @Test
    void resolutionOnATableWithoutKeyIsAPlainInsertAndNotEchoed() throws Exception {
        var res = carol.send("POST", "/feedback", "{\"message\":\"twice\"}", "Prefer", "resolution=merge-duplicates");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Preference-Applied")).isNull();
    }

    @Test
    void concurrentUpsertsOnTheSameKeysNeverLoseOrDuplicateARow() throws Exception {
        int threads = 8;
        int keys = 20;
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                int rank = t;
                Callable<Integer> upsert = () -> {
                    var body = new StringBuilder("[");
                    for (int k = 0; k < keys; k++) {
                        body.append(k > 0 ? "," : "")
                                .append("{\"name\":\"Con-")
                                .append(k)
                                .append("\",\"rank\":")
                                .append(rank)
                                .append('}');
                    }
                    return carol.send(
                                    "POST",
                                    "/languages",
                                    body.append(']').toString(),
                                    "Prefer",
                                    "resolution=merge-duplicates")
                            .statusCode();
                };
                futures.add(pool.submit(upsert));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isIn(200, 201);
            }
        }
        var rows = json(carol.get("/languages?select=name,rank&name=like.Con-*"));
        assertThat(rows.size()).isEqualTo(keys);
        var ranks = new java.util.HashSet<Integer>();
        rows.forEach(r -> ranks.add(r.get("rank").asInt()));
        assertThat(ranks).allMatch(r -> r >= 0 && r < threads);
    }

    // --- PUT ---------------------------------------------------------------------------------------------------

    @Test
    void putInsertsThenReplaces() throws Exception {
        var created = carol.send(
                "PUT", "/languages?name=eq.Put-Go", "[{\"name\":\"Put-Go\",\"rank\":19}]", "Prefer", REPRESENTATION);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("[{\"name\":\"Put-Go\",\"rank\":19}]");
        var replaced = carol.send(
                "PUT", "/languages?name=eq.Put-Go", "{\"name\":\"Put-Go\",\"rank\":5}", "Prefer", REPRESENTATION);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.body()).isEqualTo("[{\"name\":\"Put-Go\",\"rank\":5}]");
        var minimal = carol.send("PUT", "/languages?name=eq.Put-Go", "{\"name\":\"Put-Go\",\"rank\":6}");
        assertThat(minimal.statusCode()).isEqualTo(204);
        assertThat(minimal.body()).isEmpty();
    }

    @Test
    void putNeedsExactlyThePrimaryKeyWithEq() throws Exception {
        for (String query : new String[] {"rank=eq.19", "name=gt.A", "name=eq.A&rank=eq.1", "or=(name.eq.A)"}) {
            var res = carol.send("PUT", "/languages?" + query, "{\"name\":\"A\",\"rank\":1}");
            assertThat(res.statusCode()).as(query).isEqualTo(405);
            assertThat(res.body())
                    .isEqualTo(
                            "{\"code\":\"PGRST105\",\"details\":null,\"hint\":null,"
                                    + "\"message\":\"Filters must include all and only primary key columns with 'eq' operators\"}");
        }
        assertThat(carol.send("PUT", "/feedback?message=eq.x", "{\"message\":\"x\"}")
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void putWithLimitIsPgrst114() throws Exception {
        var res = carol.send("PUT", "/languages?name=eq.Put-X&limit=1", "{\"name\":\"Put-X\",\"rank\":1}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST114");
    }

    @Test
    void putWithAnotherKeyInTheBodyIsPgrst115AndWritesNothing() throws Exception {
        var res = carol.send("PUT", "/languages?name=eq.Put-M", "[{\"name\":\"Put-P\",\"rank\":17}]");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"PGRST115\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Payload values do not match URL in primary key column(s)\"}");
        assertThat(carol.get("/languages?name=in.(Put-M,Put-P)").body()).isEqualTo("[]");
    }

    // --- PATCH -------------------------------------------------------------------------------------------------

    @Test
    void patchUpdatesFilteredRowsAndReportsTheRange() throws Exception {
        carol.send(
                "POST",
                "/gadgets",
                "[{\"sku\":\"P-1\",\"name\":\"a\"},{\"sku\":\"P-2\",\"name\":\"b\"},"
                        + "{\"sku\":\"P-3\",\"name\":\"c\"}]");
        var res = carol.send("PATCH", "/gadgets?or=(sku.eq.P-1,sku.eq.P-3)", "{\"stock\":0}");
        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(res.body()).isEmpty();
        assertThat(header(res, "Content-Range")).isEqualTo("0-1/*");
        assertThat(header(res, "Content-Type")).isNull();
        assertThat(carol.get("/gadgets?select=sku,stock&sku=like.P-*&order=sku").body())
                .isEqualTo(
                        "[{\"sku\":\"P-1\",\"stock\":0}, \n {\"sku\":\"P-2\",\"stock\":10}, \n {\"sku\":\"P-3\",\"stock\":0}]");

        var counted = carol.send("PATCH", "/gadgets?sku=eq.P-2", "{\"stock\":1}", "Prefer", "count=exact");
        assertThat(header(counted, "Content-Range")).isEqualTo("0-0/1");
    }

    @Test
    void patchWithRepresentation() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"PR-1\",\"name\":\"a\"}");
        var res = carol.send(
                "PATCH", "/gadgets?sku=eq.PR-1&select=sku,name", "{\"name\":\"renamed\"}", "Prefer", REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"PR-1\",\"name\":\"renamed\"}]");
        var none = carol.send("PATCH", "/gadgets?sku=eq.nothing", "{\"name\":\"x\"}", "Prefer", REPRESENTATION);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("[]");
        assertThat(header(none, "Content-Range")).isEqualTo("*/*");
    }

    @Test
    void emptyPatchObjectWritesNothing() throws Exception {
        var res = carol.send("PATCH", "/gadgets?sku=eq.G-1", "{}");
        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(header(res, "Content-Range")).isEqualTo("*/*");
    }

    @Test
    void patchBodyErrors() throws Exception {
        var invalid = carol.send("PATCH", "/gadgets?sku=eq.G-1", "}{ x = 2");
        assertThat(invalid.body())
                .isEqualTo(
                        "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"Empty or invalid json\"}");
        var empty = carol.send("PATCH", "/gadgets?sku=eq.G-1", "");
        assertThat(json(empty).get("code").asText()).isEqualTo("PGRST102");
        var unknown = carol.send("PATCH", "/gadgets?sku=eq.G-1", "{\"bogus\":1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("code").asText()).isEqualTo("PGRST204");
    }

    @Test
    void maxAffectedWithStrictHandlingRollsBack() throws Exception {
        carol.send("POST", "/gadgets", "[{\"sku\":\"MA-1\",\"name\":\"a\"},{\"sku\":\"MA-2\",\"name\":\"b\"}]");
        var tooMany = carol.send(
                "PATCH", "/gadgets?sku=like.MA-*", "{\"stock\":0}", "Prefer", "handling=strict, max-affected=1");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body())
                .isEqualTo("{\"code\":\"PGRST124\",\"details\":\"The query affects 2 rows\","
                        + "\"hint\":null,\"message\":\"Query result exceeds max-affected preference constraint\"}");
        assertThat(carol.get("/gadgets?select=stock&sku=like.MA-*").body())
                .isEqualTo("[{\"stock\":10}, \n {\"stock\":10}]");

        var ok = carol.send("DELETE", "/gadgets?sku=like.MA-*", null, "Prefer", "handling=strict, max-affected=10");
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(header(ok, "Preference-Applied")).isEqualTo("handling=strict, max-affected=10");
        var lenient = carol.send("DELETE", "/gadgets?sku=eq.none", null, "Prefer", "handling=lenient, max-affected=0");
        assertThat(header(lenient, "Preference-Applied")).isEqualTo("handling=lenient");
    }

    @Test
    void rowsHiddenByPoliciesAreNotTouched() throws Exception {
        // todo 1 belongs to alice: carol's update matches nothing
        var res = carol.send("PATCH", "/todos?id=eq.1", "{\"done\":true}", "Prefer", REPRESENTATION);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[]");
        var alice = anon.as("alice@example.com", "alice-password");
        assertThat(alice.get("/todos?select=done&id=eq.1").body()).isEqualTo("[{\"done\":false}]");
    }

    @Test
    void withCheckViolationIs403() throws Exception {
        var res = carol.send("POST", "/todos", "{\"task\":\"forged\",\"owner_email\":\"alice@example.com\"}");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(json(res).get("code").asText()).isEqualTo("42501");
        assertThat(json(res).get("message").asText())
                .isEqualTo("new row violates row-level security policy for table \"todos\"");
    }

    @Test
    void anonymousWithCheckViolationIs401() throws Exception {
        var res = anon.send("POST", "/guestbook", "{\"author\":\"admin\",\"message\":\"hi\"}");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res).get("message").asText())
                .isEqualTo("new row violates row-level security policy for table \"guestbook\"");
        assertThat(header(res, "WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(anon.send("POST", "/guestbook", "{\"message\":\"hi\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void patchWithColumnsAndMissingDefaultResetsAbsentColumns() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"PD-1\",\"name\":\"a\",\"stock\":3,\"notes\":\"n\"}");
        var res = carol.send(
                "PATCH",
                "/gadgets?sku=eq.PD-1&columns=name,stock&select=name,stock,notes",
                "{\"name\":\"b\",\"notes\":\"ignored\"}",
                "Prefer",
                "missing=default, return=representation");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"name\":\"b\",\"stock\":10,\"notes\":\"n\"}]");
        assertThat(header(res, "Preference-Applied")).isEqualTo("missing=default, return=representation");
    }

    @Test
    void patchWithAFormBody() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"PF-1\",\"name\":\"a\"}");
        var res = carol.send(
                "PATCH",
                "/gadgets?sku=eq.PF-1&select=name",
                "name=from+form",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Prefer",
                REPRESENTATION);
        assertThat(res.body()).isEqualTo("[{\"name\":\"from form\"}]");
    }

    // --- DELETE ------------------------------------------------------------------------------------------------

    @Test
    void deleteAnswers204WithContentRange() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"D-1\",\"name\":\"a\"}");
        var res = carol.send("DELETE", "/gadgets?sku=eq.D-1", null);
        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(header(res, "Content-Range")).isEqualTo("*/*");
        assertThat(carol.get("/gadgets?sku=eq.D-1").body()).isEqualTo("[]");
    }

    @Test
    void deleteWithRepresentationAndCount() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"D-2\",\"name\":\"a\"}");
        var res = carol.send(
                "DELETE", "/gadgets?sku=eq.D-2&select=sku", null, "Prefer", "return=representation, count=exact");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"sku\":\"D-2\"}]");
        assertThat(header(res, "Content-Range")).isEqualTo("*/1");
        assertThat(header(res, "Preference-Applied")).isEqualTo("return=representation, count=exact");
    }

    @Test
    void anonymousWriteWithoutPrivilegeIs401() throws Exception {
        HttpResponse<String> res = anon.send("DELETE", "/gadgets?sku=eq.G-1", null);
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res).get("code").asText()).isEqualTo("42501");
    }
}
