package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed read requests (fixed seed, so failures reproduce): the service must answer each with a
 * success or a 4xx in PostgREST's error shape, never a 5xx, and must never leak rows the anonymous role may not
 * read (chat messages, private.secrets).
 */
class ReadFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 1200;
    private static DevServer server;
    private static Http http;

    private static final String[] TABLES = {
        "books",
        "authors",
        "specimens",
        "reviews",
        "book_details",
        "chat",
        "readers",
        "book_readers",
        "secrets",
        "private.secrets"
    };
    private static final String[] COLUMNS = {
        "id",
        "title",
        "name",
        "author_id",
        "data",
        "tags",
        "doc",
        "period",
        "score",
        "flag",
        "uid",
        "small",
        "big",
        "secret",
        "message_body",
        "nope",
        "\"id\"",
        "id\"",
        "Id",
        "data->>color",
        "data->size->w",
        "data->-1",
        "data->>",
        "tags->0",
        "id::text",
        "x'y",
        "a b",
        "pg_catalog.pg_user",
        "(select 1)",
        "1",
        "*",
        "*,*",
        "id;drop table api.books"
    };
    private static final String[] OPERATORS = {
        "eq",
        "neq",
        "gt",
        "gte",
        "lt",
        "lte",
        "like",
        "ilike",
        "match",
        "imatch",
        "in",
        "is",
        "isdistinct",
        "fts",
        "plfts",
        "phfts",
        "wfts",
        "cs",
        "cd",
        "ov",
        "sl",
        "sr",
        "nxr",
        "nxl",
        "adj",
        "not.eq",
        "not.in",
        "eq(any)",
        "like(all)",
        "fts(english)",
        "fts(nope)",
        "bogus",
        "",
        "not",
        "not.not.eq",
        "eq(any",
        "in("
    };
    private static final String[] VALUES = {
        "1",
        "abc",
        "",
        "null",
        "true",
        "'; select * from private.secrets --",
        "(1,2)",
        "()",
        "( ,3)",
        "{1,2}",
        "{a,\"b,c\"}",
        "[1,5)",
        "\"quoted\"",
        "\\",
        "%",
        "*",
        "[",
        "(((",
        "99999999999999999999999",
        "-1",
        "1e309",
        "NaN",
        "x)y",
        "0x1F",
        "\u00e9\u00e8",
        "\u0000",
        "a.b.c",
        "not_null",
        "unknown",
        "{\"color\":\"red\"}",
        "(select secret from private.secrets)",
        "1)or(1=1"
    };
    private static final String[] SELECTS = {
        "*",
        "id",
        "id,title",
        "authors(*)",
        "books(*)",
        "readers(name)",
        "id,authors!inner(name)",
        "...authors(name)",
        "...books(id)",
        "x:id",
        "id::text",
        "id::nope",
        "chat(*)",
        "secrets(*)",
        "authors(books(readers(*)))",
        "a:authors!books_author_id_fkey(*)",
        "readers!nope(*)",
        "authors!left(*)",
        "(",
        ")",
        "id,",
        ",",
        "authors(",
        "data->>color",
        "data->",
        "*,authors()",
        "id,author:authors(name,books(title))",
        "\"id\"",
        "alias:",
        "readers(*)"
    };
    private static final String[] ORDERS = {
        "id",
        "id.desc",
        "id.asc.nullsfirst",
        "title.desc.nullslast",
        "authors(name)",
        "books(id)",
        "nope",
        "data->>color.desc",
        "id.nullslasttt",
        "id,title.desc",
        "",
        ".",
        "id..desc",
        "authors(name",
        "id;select"
    };
    private static final String[] PARAMS = {
        "limit",
        "offset",
        "order",
        "select",
        "or",
        "and",
        "not.or",
        "authors.id",
        "authors.order",
        "books.limit",
        "books.offset",
        "authors",
        "books",
        "readers.or",
        "nope.id",
        "on_conflict",
        "columns"
    };

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void hostileQueriesNeverFailTheServerOrLeakRows() throws Exception {
        var random = new Random(20240531L);
        var failures = new ArrayList<String>();
        for (int i = 0; i < REQUESTS; i++) {
            String path = "/" + pick(random, TABLES) + "?" + query(random);
            String[] headers = random.nextInt(4) == 0
                    ? new String[] {
                        "Prefer",
                        "count=exact",
                        "Range",
                        random.nextInt(10) + "-" + random.nextInt(10),
                        "Accept",
                        pick(random, new String[] {
                            "text/csv",
                            "application/vnd.pgrst.object+json",
                            "*/*",
                            "application/vnd.pgrst.array+json;nulls=stripped",
                            "x/y"
                        })
                    }
                    : new String[0];
            var res = http.get(path, headers);
            String body = res.body();
            if (res.statusCode() >= 500) {
                failures.add(res.statusCode() + " " + path + " -> " + body);
                continue;
            }
            if (body.contains("launch codes") || body.contains("Hi Bob") || body.contains("Buy milk")) {
                failures.add("leak: " + path + " -> " + body);
            }
            if (res.statusCode() >= 400) {
                JsonNode error = JSON.readTree(body);
                if (!error.has("code") || !error.has("message")) {
                    failures.add("not an error body: " + path + " -> " + body);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String query(Random random) {
        var parts = new ArrayList<String>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            parts.add(
                    switch (random.nextInt(6)) {
                        case 0 ->
                            "select="
                                    + enc(pick(random, SELECTS)
                                            + (random.nextBoolean() ? "" : "," + pick(random, SELECTS)));
                        case 1 -> "order=" + enc(pick(random, ORDERS));
                        case 2 ->
                            enc(pick(random, COLUMNS)) + "="
                                    + enc(pick(random, OPERATORS) + "." + pick(random, VALUES));
                        case 3 -> "or=" + enc(tree(random, 0));
                        case 4 -> enc(pick(random, PARAMS)) + "=" + enc(pick(random, VALUES));
                        default ->
                            enc(pick(random, PARAMS)) + "=" + enc(pick(random, OPERATORS) + "." + pick(random, VALUES));
                    });
        }
        return String.join("&", parts);
    }

    private static String tree(Random random, int depth) {
        var items = new ArrayList<String>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (depth < 3 && random.nextInt(4) == 0) {
                items.add((random.nextBoolean() ? "and" : "not.or") + tree(random, depth + 1));
            } else {
                items.add(pick(random, COLUMNS) + "." + pick(random, OPERATORS) + "." + pick(random, VALUES));
            }
        }
        String text = "(" + String.join(",", items) + ")";
        return random.nextInt(10) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void seedProducesEnoughDistinctRequests() {
        var random = new Random(20240531L);
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < REQUESTS; i++) {
            seen.add(query(random));
        }
        assertThat(seen).hasSizeGreaterThan(1000);
    }
}
