package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.MediaHandlerInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgREST 16's media type handlers: domains named after media types, aggregates over a relation's row type (or
 * {@code anyelement}) returning them, functions returning them. The descriptors are written as the generator emits
 * them for this schema (its golden case {@code media_handlers} covers the introspection).
 */
class MediaHandlersTest {

    private static final String SCHEMA = AnonApi.ROLES_AND_SCHEMA + """
            create table api.lines (id int primary key, name text not null);
            insert into api.lines values (1, 'line-1'), (2, 'line-2');
            grant select on api.lines to anon;
            create view api."lines.bin" as select * from api.lines;
            grant select on api."lines.bin" to anon;
            create table api.plain (id int primary key);
            insert into api.plain values (1);
            grant select on api.plain to anon;

            create domain api."text/html" as text;
            create function api.html_trans(state api."text/html", next api.lines) returns api."text/html"
              language sql immutable as $$ select (state || '<li>' || next.name || '</li>')::api."text/html" $$;
            create function api.html_final(data api."text/html") returns api."text/html"
              language sql immutable as $$ select ('<ul>' || data || '</ul>')::api."text/html" $$;
            create aggregate api.html_agg(api.lines) (
              initcond = '', stype = api."text/html", sfunc = api.html_trans, finalfunc = api.html_final);

            -- overrides the built-in CSV, with a header set by SQL as PostgREST's documentation shows
            create domain api."text/csv" as text;
            create function api.csv_trans(state api."text/csv", next api.lines) returns api."text/csv"
              language sql immutable as $$ select (state || next.id || ';' || next.name || E'\\n')::api."text/csv" $$;
            create function api.csv_final(data api."text/csv") returns api."text/csv" language sql as $$
              select set_config('response.headers',
                                '[{"Content-Disposition": "attachment; filename=\\"lines.csv\\""}]', true);
              select ('id;name' || E'\\n' || data)::api."text/csv";
            $$;
            create aggregate api.semicolon_csv(api.lines) (
              initcond = '', stype = api."text/csv", sfunc = api.csv_trans, finalfunc = api.csv_final);

            -- overrides application/json for api.lines
            create domain api."application/json" as json;
            create function api.json_trans(state jsonb, next api.lines) returns jsonb
              language sql immutable as $$ select state || jsonb_build_array(next.name) $$;
            create function api.json_final(data jsonb) returns api."application/json"
              language sql immutable as $$ select json_build_object('names', data)::api."application/json" $$;
            create aggregate api.names_json(api.lines) (
              initcond = '[]', stype = jsonb, sfunc = api.json_trans, finalfunc = api.json_final);

            -- anyelement: a handler of every endpoint
            create domain api."text/plain" as text;
            create function api.plain_trans(state api."text/plain", next anyelement) returns api."text/plain"
              language sql immutable as $$ select (state || next::text || E'\\n')::api."text/plain" $$;
            create aggregate api.plain_agg(anyelement) (
              initcond = '', stype = api."text/plain", sfunc = api.plain_trans);

            -- the wildcard: answers every media type, as bytes
            create domain api."*/*" as bytea;
            create function api.bin_trans(state api."*/*", next api."lines.bin") returns api."*/*"
              language sql immutable as $$
                select (state || convert_to(next.name, 'UTF8') || '\\x00'::bytea)::api."*/*" $$;
            create aggregate api.bin_agg(api."lines.bin") (initcond = '', stype = api."*/*", sfunc = api.bin_trans);

            create table api.drafts (id int primary key, name text not null);
            grant select, insert on api.drafts to anon;
            create function api.drafts_trans(state api."text/html", next api.drafts) returns api."text/html"
              language sql immutable as $$ select (state || '<p>' || next.name || '</p>')::api."text/html" $$;
            create aggregate api.drafts_html(api.drafts) (
              initcond = '', stype = api."text/html", sfunc = api.drafts_trans);

            create domain api."image/png" as bytea;
            create function api.line_png(id int) returns api."image/png" language sql stable as $$
              select ('\\x89504e47'::bytea || convert_to(name, 'UTF8'))::api."image/png"
              from api.lines where lines.id = line_png.id $$;
            create function api.line_html(id int) returns api."text/html" language sql stable as $$
              select ('<b>' || name || '</b>')::api."text/html" from api.lines where lines.id = line_html.id $$;
            create function api.all_lines() returns setof api.lines language sql stable as $$
              select * from api.lines order by id $$;
            """;

    private static final MediaHandlerInfo PLAIN =
            MediaHandlerInfo.anyElementAggregate("text/plain", "api", "plain_agg");

    private static final RelationInfo LINES = RelationInfo.relation(
                    "api",
                    "lines",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("name", "text", ValueKind.TEXT).notNull())
            .withPrimaryKey("id")
            .withMediaHandlers(
                    MediaHandlerInfo.aggregate("application/json", "api", "names_json"),
                    MediaHandlerInfo.aggregate("text/csv", "api", "semicolon_csv"),
                    MediaHandlerInfo.aggregate("text/html", "api", "html_agg"),
                    PLAIN);
    private static final RelationInfo LINES_BIN = RelationInfo.relation(
                    "api",
                    "lines.bin",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER),
                    ColumnInfo.column("name", "text", ValueKind.TEXT))
            .withMediaHandlers(
                    MediaHandlerInfo.aggregate("*/*", "api", "bin_agg").binary(), PLAIN);
    private static final RelationInfo PLAIN_TABLE = RelationInfo.relation(
                    "api",
                    "plain",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull())
            .withPrimaryKey("id")
            .withMediaHandlers(PLAIN);

    private static final RelationInfo DRAFTS = RelationInfo.relation(
                    "api",
                    "drafts",
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(),
                    ColumnInfo.column("name", "text", ValueKind.TEXT).notNull())
            .withPrimaryKey("id")
            .allowsInsert()
            .withMediaHandlers(MediaHandlerInfo.aggregate("text/html", "api", "drafts_html"));

    private static final List<FunctionInfo> LINE_PNG = List.of(FunctionInfo.function("api", "line_png")
            .withParams(ParamInfo.param("id", "integer", ValueKind.INTEGER))
            .returning(FunctionInfo.ReturnShape.SCALAR, "api.\"image/png\"")
            .stable()
            .withMediaHandlers(MediaHandlerInfo.returned("image/png").binary(), PLAIN));
    private static final List<FunctionInfo> LINE_HTML = List.of(FunctionInfo.function("api", "line_html")
            .withParams(ParamInfo.param("id", "integer", ValueKind.INTEGER))
            .returning(FunctionInfo.ReturnShape.SCALAR, "api.\"text/html\"")
            .stable()
            .withMediaHandlers(MediaHandlerInfo.returned("text/html"), PLAIN));
    private static final List<FunctionInfo> ALL_LINES = List.of(FunctionInfo.function("api", "all_lines")
            .returning(FunctionInfo.ReturnShape.SETOF_COMPOSITE, "api.lines")
            .stable()
            .withColumns(
                    ColumnInfo.column("id", "integer", ValueKind.INTEGER),
                    ColumnInfo.column("name", "text", ValueKind.TEXT))
            .rowsOf("lines")
            .withMediaHandlers(
                    MediaHandlerInfo.aggregate("application/json", "api", "names_json"),
                    MediaHandlerInfo.aggregate("text/csv", "api", "semicolon_csv"),
                    MediaHandlerInfo.aggregate("text/html", "api", "html_agg"),
                    PLAIN));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AnonApi.Service service;

    @BeforeAll
    static void start() throws Exception {
        service = AnonApi.Service.start(
                SCHEMA, List.of(LINES, LINES_BIN, PLAIN_TABLE, DRAFTS), List.of(LINE_PNG, LINE_HTML, ALL_LINES));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void aRelationsAggregateAnswersItsMediaTypeWithTheSelectedRows() throws Exception {
        HttpResponse<byte[]> res = get("/lines?order=id.desc", "text/html");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(text(res)).isEqualTo("<ul><li>line-2</li><li>line-1</li></ul>");
    }

    @Test
    void aRelationsOwnHandlerNeedsEverythingSelectedElseTheMediaTypeIsNotAcceptable() throws Exception {
        HttpResponse<byte[]> res = get("/lines?select=name", "text/html");

        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(text(res))
                .contains("\"code\":\"PGRST107\"")
                .contains("None of these media types are available: text/html");
    }

    @Test
    void aCustomTextCsvHandlerOverridesTheBuiltInOneAndSetsHeadersFromSql() throws Exception {
        HttpResponse<byte[]> res = get("/lines?order=id", "text/csv");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(res.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"lines.csv\"");
        assertThat(text(res)).isEqualTo("id;name\n1;line-1\n2;line-2\n");
    }

    @Test
    void withAColumnSelectionTheBuiltInCsvAnswers() throws Exception {
        HttpResponse<byte[]> res = get("/lines?select=id&order=id", "text/csv");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(text(res)).isEqualTo("id\n1\n2");
    }

    @Test
    void aCustomApplicationJsonHandlerAnswersThatMediaTypeButNotAMissingAccept() throws Exception {
        HttpResponse<byte[]> custom = get("/lines?order=id", "application/json");
        HttpResponse<byte[]> builtIn = get("/lines?order=id", null);

        assertThat(custom.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(text(custom)).isEqualTo("{\"names\" : [\"line-1\", \"line-2\"]}");
        assertThat(text(builtIn)).isEqualTo("[{\"id\":1,\"name\":\"line-1\"}, \n {\"id\":2,\"name\":\"line-2\"}]");
    }

    @Test
    void anAnyelementAggregateHandlesEveryEndpointWhateverItSelects() throws Exception {
        HttpResponse<byte[]> lines = get("/lines?select=name&order=id", "text/plain");
        HttpResponse<byte[]> plain = get("/plain", "text/plain");

        assertThat(lines.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text(lines)).isEqualTo("(line-1)\n(line-2)\n");
        assertThat(text(plain)).isEqualTo("(1)\n");
    }

    @Test
    void theWildcardHandlerAnswersAnyMediaTypeAndNoAcceptAsOctetStreamBytes() throws Exception {
        byte[] expected = "line-1\0line-2\0".getBytes(StandardCharsets.UTF_8);
        for (String accept : new String[] {null, "*/*", "text/csv", "application/json", "text/plain", "unknown/type"}) {
            HttpResponse<byte[]> res = get("/lines.bin?order=id", accept);

            assertThat(res.statusCode()).as(accept).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).as(accept).hasValue("application/octet-stream");
            assertThat(res.body()).as(accept).isEqualTo(expected);
        }
    }

    @Test
    void theWildcardHandlerLeavesPostgrestsVendorTypesToPostgrest() throws Exception {
        HttpResponse<byte[]> res = get("/lines.bin?id=eq.1", "application/vnd.pgrst.object+json");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.pgrst.object+json; charset=utf-8");
        assertThat(text(res)).isEqualTo("{\"id\":1,\"name\":\"line-1\"}");
    }

    @Test
    void aFunctionReturningAMediaTypeDomainAnswersThatMediaTypeWithItsValue() throws Exception {
        HttpResponse<byte[]> html = get("/rpc/line_html?id=2", "text/html");
        HttpResponse<byte[]> png = get("/rpc/line_png?id=1", "image/png");

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(text(html)).isEqualTo("<b>line-2</b>");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        var expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        expected.write("line-1".getBytes(StandardCharsets.UTF_8));
        assertThat(png.body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aFunctionReturningAMediaTypeDomainStillAnswersJsonWithoutAccept() throws Exception {
        HttpResponse<byte[]> res = get("/rpc/line_html?id=1", null);

        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(text(res)).isEqualTo("\"<b>line-1</b>\"");
    }

    @Test
    void aFunctionReturningATablesRowsUsesTheTablesHandlers() throws Exception {
        HttpResponse<byte[]> res = get("/rpc/all_lines", "text/html");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(text(res)).isEqualTo("<ul><li>line-1</li><li>line-2</li></ul>");
    }

    @Test
    void anAnyelementAggregateHandlesAFunctionsScalarValue() throws Exception {
        HttpResponse<byte[]> res = get("/rpc/line_html?id=1", "text/plain");

        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text(res)).isEqualTo("<b>line-1</b>\n");
    }

    @Test
    void aMediaTypeNoHandlerAnswersIsPgrst107() throws Exception {
        HttpResponse<byte[]> read = get("/plain", "text/html");
        HttpResponse<byte[]> call = get("/rpc/line_png?id=1", "image/gif");

        assertThat(read.statusCode()).isEqualTo(406);
        assertThat(text(read))
                .isEqualTo("{\"code\":\"PGRST107\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"None of these media types are available: text/html\"}");
        assertThat(call.statusCode()).isEqualTo(406);
        assertThat(text(call)).contains("None of these media types are available: image/gif");
    }

    @Test
    void aWritesRepresentationIsRenderedByTheRelationsHandler() throws Exception {
        HttpResponse<byte[]> res =
                post("/drafts", "text/html", "return=representation", "[{\"id\": 1, \"name\": \"a\"}]");

        assertThat(res.statusCode()).as(text(res)).isEqualTo(201);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(text(res)).isEqualTo("<p>a</p>");
    }

    @Test
    void aWriteWithoutRepresentationAcceptsAHandlersMediaTypeAndSendsNoBody() throws Exception {
        HttpResponse<byte[]> res = post("/drafts", "text/html", "return=minimal", "[{\"id\": 2, \"name\": \"b\"}]");

        assertThat(res.statusCode()).as(text(res)).isEqualTo(201);
        assertThat(res.headers().firstValue("Content-Type")).isEmpty();
        assertThat(res.body()).isEmpty();
    }

    private static HttpResponse<byte[]> post(String path, String accept, String prefer, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                        .header("Accept", accept)
                        .header("Prefer", prefer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> res) {
        return new String(res.body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path, String accept) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
