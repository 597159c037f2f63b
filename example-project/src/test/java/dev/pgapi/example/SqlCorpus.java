package dev.pgapi.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requests of the SQL goldens, by group (one golden file each): every filter operator, embed kind, hint, spread,
 * aggregate, count mode, write mode, representation, media type and RPC shape the example's schema allows, plus
 * requests that planning refuses. Requests of the {@code bench} group are also the benchmark's pgbench scripts.
 */
final class SqlCorpus {

    private SqlCorpus() {}

    /**
     * One request as sent: {@code identity} is {@code alice}, {@code bob}, {@code carol} (a token for the role
     * webuser) or {@code anon} (no token).
     */
    record Request(
            String method,
            String target,
            List<Map.Entry<String, String>> headers,
            String body,
            String identity,
            Bench bench) {

        Request header(String name, String value) {
            var all = new ArrayList<>(headers);
            all.add(Map.entry(name, value));
            return new Request(method, target, List.copyOf(all), body, identity, bench);
        }

        Request prefer(String value) {
            return header("Prefer", value);
        }

        Request accept(String value) {
            return header("Accept", value);
        }

        Request json(String json) {
            return body("application/json", json);
        }

        Request body(String contentType, String text) {
            return new Request(method, target, headers, text, identity, bench).header("Content-Type", contentType);
        }

        Request as(String who) {
            return new Request(method, target, headers, body, who, bench);
        }

        Request bench(Bench b) {
            return new Request(method, target, headers, body, identity, b);
        }
    }

    /**
     * A benchmark scenario: {@code bench/pgbench/pgapi_<name>.sql} is this request's statements with the bound values
     * replaced as {@code replacements} says (value → SQL; the settings' values get the variables {@code bench/run.sh}
     * defines), after {@code set} ({@code \set} lines, or null). {@code description} and {@code note} (or null) make
     * the script's header comment.
     */
    record Bench(String name, String description, String note, String set, Map<String, String> replacements) {}

    /** A golden file: {@code settings} also shows each request's settings statement and pre-request call. */
    record Group(String name, String about, boolean settings, List<Request> requests) {}

    private static Request r(String line) {
        int space = line.indexOf(' ');
        return new Request(line.substring(0, space), line.substring(space + 1), List.of(), null, "alice", null);
    }

    private static List<Request> gets(String... targets) {
        var out = new ArrayList<Request>();
        for (String t : targets) {
            out.add(r("GET " + t));
        }
        return out;
    }

    private static List<Request> all(Object... items) {
        var out = new ArrayList<Request>();
        for (Object item : items) {
            if (item instanceof Request req) {
                out.add(req);
            } else {
                @SuppressWarnings("unchecked")
                var list = (List<Request>) item;
                out.addAll(list);
            }
        }
        return out;
    }

    static List<Group> groups() {
        return List.of(
                filters(), select(), embedding(), paging(), media(), writes(), rpc(), settings(), errors(), bench());
    }

    static Group filters() {
        return new Group(
                "filters",
                "filter operators, modifiers, negation and logic trees",
                false,
                all(gets(
                        "/books?id=eq.1",
                        "/books?id=neq.1",
                        "/books?id=gt.1",
                        "/books?id=gte.1",
                        "/books?id=lt.3",
                        "/books?id=lte.3",
                        "/books?title=like.*Left*",
                        "/books?title=like.The%20*",
                        "/books?title=ilike.*left*",
                        "/books?title=match.^The",
                        "/books?title=imatch.^the",
                        "/books?id=in.(1,2,3)",
                        "/books?title=in.(\"Dune, part one\",Emma)",
                        "/books?id=in.()",
                        "/books?published=is.null",
                        "/books?published=not.is.null",
                        "/specimens?flag=is.true",
                        "/specimens?flag=is.false",
                        "/specimens?flag=is.unknown",
                        "/specimens?flag=isdistinct.true",
                        "/specimens?name=isdistinct.null",
                        "/specimens?doc=fts.cat",
                        "/specimens?doc=fts(english).fat%20cats",
                        "/specimens?doc=plfts.fat%20cats",
                        "/specimens?doc=plfts(simple).fat%20cats",
                        "/specimens?doc=phfts.fat%20cats",
                        "/specimens?doc=phfts(english).fat%20cats",
                        "/specimens?doc=wfts.fat%20or%20cats",
                        "/specimens?doc=wfts(english).%22fat%20cats%22",
                        "/specimens?body=fts.cat",
                        "/specimens?doc=not.fts.cat",
                        "/specimens?tags=cs.{a,b}",
                        "/specimens?tags=cd.{a,b,c}",
                        "/specimens?tags=ov.{a,z}",
                        "/specimens?data=cs.{\"color\":\"red\"}",
                        "/specimens?data=cd.{\"color\":\"red\",\"size\":1}",
                        "/specimens?period=cs.5",
                        "/specimens?period=cs.[2,3)",
                        "/specimens?period=cd.[0,100)",
                        "/specimens?period=ov.[1,3)",
                        "/specimens?period=sl.[10,20)",
                        "/specimens?period=sr.[10,20)",
                        "/specimens?period=nxl.[10,20)",
                        "/specimens?period=nxr.[10,20)",
                        "/specimens?period=adj.[10,20)",
                        "/specimens?score=gt.1.5",
                        "/specimens?small=eq.3&big=lt.9000000000",
                        "/specimens?uid=eq.00000000-0000-0000-0000-000000000001",
                        "/specimens?data->>color=eq.red",
                        "/specimens?data->size=gt.1",
                        "/specimens?data->nested->>deep=eq.x",
                        "/specimens?tags->0=eq.a",
                        "/books?id=not.eq.1",
                        "/books?id=not.in.(1,2)",
                        "/books?title=not.like.*a*",
                        "/books?id=eq(any).{1,2,3}",
                        "/books?id=gt(all).{1,2}",
                        "/books?title=like(any).{*Left*,*Dune*}",
                        "/books?title=ilike(all).{*the*,*of*}",
                        "/books?title=match(any).{^A,^B}",
                        "/books?id=not.eq(any).{1,2}",
                        "/books?or=(id.eq.1,id.eq.2)",
                        "/books?and=(id.gt.1,id.lt.5)",
                        "/books?or=(id.eq.1,and(author_id.eq.2,published.is.null))",
                        "/books?and=(or(id.eq.1,id.eq.2),not.or(title.like.*x*,title.is.null))",
                        "/books?not.or=(id.eq.1,id.eq.2)",
                        "/books?not.and=(id.gt.1,id.lt.5)",
                        "/books?or=(title.ilike.*left*,tags.cs.{sf})",
                        "/books?or=(id.in.(1,2),id.eq(any).{3,4})",
                        "/books?or=(published.is.null,published.gt.1970-01-01)&author_id=eq.1",
                        "/specimens?or=(data->>color.eq.red,period.adj.\"[10,20)\")",
                        "/authors?select=id,books(id)&books.or=(id.eq.1,id.eq.2)",
                        "/authors?select=id,books(id)&books.id=gt.1",
                        "/authors?select=id,books(id,readers(id))&books.readers.id=eq.1",
                        "/books?id=eq.1&id=eq.2",
                        "/books?title=eq.a%2Cb",
                        "/books?title=eq.%22quoted%22",
                        "/books?title=eq.it%27s",
                        "/books?published=gte.2000-01-01&published=lt.2001-01-01",
                        "/chat?message_to=eq.bob",
                        "/book_details?author_name=ilike.*ursula*",
                        "/cheap_gadgets?price=lt.5",
                        "/books?tags=cs.{}",
                        "/books?tags=is.null",
                        "/books?author_id=in.(1,2)")));
    }

    static Group select() {
        return new Group(
                "select",
                "select lists: columns, aliases, casts, JSON paths, computed fields, aggregates",
                false,
                gets(
                        "/books",
                        "/books?select=*",
                        "/books?select=id,title",
                        "/books?select=title,id",
                        "/books?select=book_id:id,name:title",
                        "/books?select=id::text,published::text",
                        "/books?select=title:id::text",
                        "/specimens?select=data->>color,data->size",
                        "/specimens?select=color:data->>color",
                        "/specimens?select=data->nested->deep",
                        "/specimens?select=data->nested->>deep::int",
                        "/specimens?select=tags->0",
                        "/books?select=id,full_title",
                        "/books?select=full_title&full_title=like.*Le*",
                        "/books?select=id&order=full_title",
                        "/books?select=count()",
                        "/books?select=author_id,count()",
                        "/books?select=author_id,n:count()",
                        "/books?select=id.count()",
                        "/books?select=id.max(),id.min()",
                        "/reviews?select=book_id,stars.sum(),stars.avg()",
                        "/reviews?select=book_id,total:stars.sum()::text",
                        "/reviews?select=stars.sum()&book_id=eq.1",
                        "/authors?select=name,books(count())",
                        "/authors?select=name,books(author_id,count())",
                        "/books?select=title,authors(count())",
                        "/books?select=title,...authors(count())",
                        "/specimens?select=id,\"name\"",
                        "/book_details?select=id,title,author_name"));
    }

    static Group embedding() {
        return new Group(
                "embedding",
                "embeds: to-one, to-many, one-to-one, many-to-many, hints, joins, spreads",
                false,
                gets(
                        "/books?select=id,authors(name)",
                        "/books?select=id,author:authors(name)",
                        "/books?select=id,authors(*)",
                        "/authors?select=id,books(id,title)",
                        "/authors?select=id,books(*)",
                        "/authors?select=id,author_profiles(bio)",
                        "/author_profiles?select=bio,authors(name)",
                        "/books?select=id,readers(name)",
                        "/readers?select=name,books(title)",
                        "/books?select=id,book_readers(reader_id)",
                        "/book_readers?select=books(title),readers(name)",
                        "/books?select=id,reviews(stars)",
                        "/reviews?select=id,readers!reviews_reviewer_fkey(name)",
                        "/reviews?select=id,readers!reviews_editor_fkey(name)",
                        "/reviews?select=id,reviewer:readers!reviews_reviewer_fkey(name),editor:readers!reviews_editor_fkey(name)",
                        "/reviews?select=id,readers!reviewer_id(name)",
                        "/books?select=id,authors!author_id(name)",
                        "/authors?select=id,books!author_id(id)",
                        "/books?select=id,authors!inner(name)",
                        "/books?select=id,authors!inner(name)&authors.name=eq.Ursula%20K.%20Le%20Guin",
                        "/books?select=id,authors!left(name)",
                        "/authors?select=id,books!inner(id)",
                        "/authors?select=id,books!inner(id)&books.published=is.null",
                        "/books?select=id,authors(id)&authors=not.is.null",
                        "/books?select=id,authors(id)&authors=is.null",
                        "/authors?select=id,books(id)&books=not.is.null",
                        "/books?select=title,...authors(name)",
                        "/books?select=title,...authors(author_name:name)",
                        "/books?select=title,...authors(name,...author_profiles(bio))",
                        "/authors?select=name,books(title,readers(name))",
                        "/authors?select=name,books(title,reviews(stars,readers!reviews_reviewer_fkey(name)))",
                        "/authors?select=name,books(title)&books.order=title.desc",
                        "/authors?select=name,books(title)&books.limit=2",
                        "/authors?select=name,books(title)&books.limit=2&books.offset=1",
                        "/authors?select=name,books(title)&books.title=like.*a*&books.order=id",
                        "/authors?select=name,b:books(title)&b.order=title",
                        "/authors?select=name,b:books(title)&books.order=title",
                        "/books?select=title,authors(name)&order=authors(name)",
                        "/books?select=title,authors(name)&order=authors(name).desc.nullslast",
                        "/books?select=title,a:authors(name)&order=a(name)",
                        "/book_details?select=id,authors(name)",
                        "/authors?select=name,book_details(title)",
                        "/chat?select=message_subject",
                        "/books?select=id,authors(name,author_profiles(bio))",
                        "/books?select=*,authors(*)"));
    }

    static Group paging() {
        return new Group(
                "paging",
                "ordering, limits, offsets, the Range header and count modes",
                false,
                all(
                        gets(
                                "/books?order=title",
                                "/books?order=title.asc",
                                "/books?order=title.desc",
                                "/books?order=published.asc.nullsfirst",
                                "/books?order=published.desc.nullslast",
                                "/books?order=published.nullsfirst",
                                "/books?order=author_id,id.desc",
                                "/books?order=author_id.desc.nullsfirst,title",
                                "/specimens?order=data->>color",
                                "/specimens?order=data->size.desc",
                                "/books?limit=5",
                                "/books?limit=0",
                                "/books?offset=10",
                                "/books?limit=5&offset=10",
                                "/books?order=id&limit=20&offset=40",
                                "/books?select=id&id=gt.5&order=id&limit=3"),
                        r("GET /books").header("Range", "0-9"),
                        r("GET /books").header("Range", "10-"),
                        r("GET /books").header("Range", "5-9").header("Range-Unit", "items"),
                        r("GET /books?limit=3").header("Range", "0-9"),
                        r("GET /books?offset=2").header("Range", "0-9"),
                        r("GET /books").header("Range", "not-a-range"),
                        r("GET /books").prefer("count=exact"),
                        r("GET /books").prefer("count=planned"),
                        r("GET /books").prefer("count=estimated"),
                        r("GET /books?id=gt.1&limit=2").prefer("count=exact"),
                        r("GET /books?id=gt.1&limit=2").prefer("count=planned"),
                        r("GET /books?select=id,authors(name)&limit=2").prefer("count=estimated"),
                        r("HEAD /books").prefer("count=exact"),
                        r("HEAD /books?id=eq.1"),
                        r("GET /books").prefer("count=exact").header("Range", "0-1"),
                        r("GET /books?select=author_id,count()").prefer("count=exact")));
    }

    static Group media() {
        return new Group(
                "media",
                "Accept: JSON, CSV, singular objects, execution plans",
                false,
                List.of(
                        r("GET /books").accept("application/json"),
                        r("GET /books").accept("*/*"),
                        r("GET /books").accept("text/csv"),
                        r("GET /books?select=id,title&order=id").accept("text/csv"),
                        r("GET /books?id=eq.1").accept("application/vnd.pgrst.object+json"),
                        r("GET /books?id=eq.1").accept("application/vnd.pgrst.object"),
                        r("GET /books?id=eq.1").accept("application/vnd.pgrst.object+json;nulls=stripped"),
                        r("GET /books").accept("application/vnd.pgrst.array+json;nulls=stripped"),
                        r("GET /books").accept("text/csv, application/json;q=0.5"),
                        r("GET /books").accept("application/vnd.pgrst.plan"),
                        r("GET /books").accept("application/vnd.pgrst.plan+json"),
                        r("GET /books").accept("application/vnd.pgrst.plan+text"),
                        r("GET /books?id=eq.1").accept("application/vnd.pgrst.plan+json; options=analyze|verbose"),
                        r("GET /books").accept("application/vnd.pgrst.plan+json; for=\"text/csv\""),
                        r("GET /books").accept("application/vnd.pgrst.plan; options=buffers|settings|wal"),
                        r("POST /books").json("{\"title\":\"Planned\"}").accept("application/vnd.pgrst.plan+json"),
                        r("GET /rpc/add?a=1&b=2").accept("application/vnd.pgrst.plan+json"),
                        r("GET /books").accept("application/xml")));
    }

    static Group writes() {
        String book = "{\"title\":\"The Dispossessed\",\"author_id\":1}";
        String books = "[{\"title\":\"The Dispossessed\",\"author_id\":1},{\"title\":\"Mort\",\"author_id\":2}]";
        return new Group(
                "writes",
                "inserts, bulk inserts, upserts, PUT, PATCH, DELETE, representations",
                false,
                List.of(
                        r("POST /books").json(book),
                        r("POST /books").json(books),
                        r("POST /books").json("[]"),
                        r("POST /books").json("{}"),
                        r("POST /books").json(book).prefer("return=minimal"),
                        r("POST /books").json(book).prefer("return=headers-only"),
                        r("POST /books").json(book).prefer("return=representation"),
                        r("POST /books?select=id,title").json(book).prefer("return=representation"),
                        r("POST /books?select=id,authors(name)").json(book).prefer("return=representation"),
                        r("POST /books?select=title,...authors(name)")
                                .json(book)
                                .prefer("return=representation"),
                        r("POST /books")
                                .json(book)
                                .prefer("return=representation")
                                .accept("text/csv"),
                        r("POST /books")
                                .json(book)
                                .prefer("return=representation")
                                .accept("application/vnd.pgrst.object+json"),
                        r("POST /books").json(book).prefer("count=exact"),
                        r("POST /books?columns=title,author_id").json(books),
                        r("POST /books?columns=title").json(book),
                        r("POST /books?columns=%22title%22,author_id").json(book),
                        r("POST /gadgets")
                                .json("{\"sku\":\"g-1\",\"name\":\"Gizmo\"}")
                                .prefer("missing=default"),
                        r("POST /gadgets?columns=sku,name,price")
                                .json("[{\"sku\":\"g-1\",\"name\":\"Gizmo\"}]")
                                .prefer("missing=default"),
                        r("POST /gadgets?columns=sku,name,price")
                                .json("[{\"sku\":\"g-1\",\"name\":\"Gizmo\"}]")
                                .prefer("missing=null"),
                        r("POST /languages")
                                .json("{\"name\":\"Haskell\",\"rank\":3}")
                                .prefer("resolution=merge-duplicates"),
                        r("POST /languages")
                                .json("{\"name\":\"Haskell\",\"rank\":3}")
                                .prefer("resolution=ignore-duplicates"),
                        r("POST /languages")
                                .json("[{\"name\":\"Haskell\",\"rank\":3},{\"name\":\"Java\",\"rank\":1}]")
                                .prefer("resolution=merge-duplicates, return=representation"),
                        r("POST /gadgets?on_conflict=sku")
                                .json("{\"sku\":\"g-1\",\"name\":\"Gizmo\",\"price\":2}")
                                .prefer("resolution=merge-duplicates"),
                        r("POST /gadgets?on_conflict=sku")
                                .json("{\"sku\":\"g-1\",\"name\":\"Gizmo\",\"price\":2}")
                                .prefer("resolution=ignore-duplicates"),
                        r("POST /gadgets?on_conflict=sku&columns=sku,price")
                                .json("{\"sku\":\"g-1\",\"price\":2}")
                                .prefer("resolution=merge-duplicates,missing=default"),
                        r("POST /book_readers")
                                .json("{\"book_id\":1,\"reader_id\":2}")
                                .prefer("resolution=merge-duplicates"),
                        r("POST /feedback").json("{\"message\":\"hi\"}").prefer("resolution=merge-duplicates"),
                        r("POST /cheap_gadgets").json("{\"sku\":\"c-1\",\"name\":\"Cheap\",\"price\":1}"),
                        r("POST /chat").json("{\"message_to\":\"bob\",\"message_subject\":\"hi\"}"),
                        r("POST /todos").json("{\"task\":\"write goldens\"}").as("carol"),
                        r("POST /guestbook").json("{\"message\":\"hello\"}").as("anon"),
                        r("POST /books").body("text/csv", "title,author_id\nThe Word for World Is Forest,1\n"),
                        r("POST /books").body("application/x-www-form-urlencoded", "title=Form%20book&author_id=1"),
                        r("POST /specimens")
                                .json("{\"id\":9,\"data\":{\"a\":[1,2]},\"tags\":[\"x\",\"y\"],"
                                        + "\"period\":\"[1,2)\"}"),
                        r("PUT /languages?name=eq.Haskell").json("{\"name\":\"Haskell\",\"rank\":4}"),
                        r("PUT /languages?name=eq.Haskell")
                                .json("{\"name\":\"Haskell\",\"rank\":4}")
                                .prefer("return=representation"),
                        r("PUT /book_readers?book_id=eq.1&reader_id=eq.2").json("{\"book_id\":1,\"reader_id\":2}"),
                        r("PUT /books?id=eq.7&columns=id,title").json("{\"id\":7,\"title\":\"Seven\",\"author_id\":1}"),
                        r("PUT /gadgets?id=eq.3")
                                .json("{\"id\":3,\"sku\":\"g-3\",\"name\":\"Three\"}")
                                .prefer("missing=default"),
                        r("PATCH /books?id=eq.1").json("{\"title\":\"Renamed\"}"),
                        r("PATCH /books?id=eq.1")
                                .json("{\"title\":\"Renamed\"}")
                                .prefer("return=representation"),
                        r("PATCH /books?id=eq.1&select=id,authors(name)")
                                .json("{\"title\":\"Renamed\"}")
                                .prefer("return=representation"),
                        r("PATCH /books?author_id=eq.1")
                                .json("{\"published\":null}")
                                .prefer("count=exact"),
                        r("PATCH /books").json("{\"tags\":[\"all\"]}"),
                        r("PATCH /books?columns=title,published&id=eq.1").json("{\"title\":\"Only title\"}"),
                        r("PATCH /books?columns=title,published&id=eq.1")
                                .json("{\"title\":\"Only title\"}")
                                .prefer("missing=default"),
                        r("PATCH /books?or=(id.eq.1,id.eq.2)").json("{\"title\":\"Either\"}"),
                        r("PATCH /books?id=eq.1")
                                .json("{\"title\":\"One\"}")
                                .accept("application/vnd.pgrst.object+json")
                                .prefer("return=representation"),
                        r("PATCH /books?id=gt.1").json("{\"title\":\"Few\"}").prefer("handling=strict, max-affected=2"),
                        r("PATCH /books?id=gt.1").json("{\"title\":\"Few\"}").prefer("max-affected=2"),
                        r("PATCH /books?id=gt.1&order=id&limit=2").json("{\"title\":\"Limited\"}"),
                        r("DELETE /books?id=eq.1"),
                        r("DELETE /books?id=eq.1").prefer("return=representation"),
                        r("DELETE /books?id=eq.1&select=title").prefer("return=representation"),
                        r("DELETE /books?author_id=eq.1").prefer("count=exact"),
                        r("DELETE /books?id=gt.1").prefer("handling=strict, max-affected=5"),
                        r("DELETE /books?id=eq.1").accept("application/vnd.pgrst.object+json"),
                        r("DELETE /books"),
                        r("DELETE /books?id=in.(1,2)&order=id&limit=1"),
                        r("DELETE /chat?message_to=eq.bob").prefer("return=representation")));
    }

    static Group rpc() {
        return new Group(
                "rpc",
                "function calls: GET and POST, scalar, setof, table, composite, void, variadic,"
                        + " single unnamed parameters, filters on results, embedding from a table's rows",
                false,
                List.of(
                        r("GET /rpc/search_books?q=left&select=title,authors(name)"),
                        r("GET /rpc/search_books?q=left&select=title,...authors(name)"),
                        r("GET /rpc/add?a=1&b=2"),
                        r("POST /rpc/add").json("{\"a\":1,\"b\":2}"),
                        r("POST /rpc/add").json("[{\"a\":1,\"b\":2},{\"a\":3,\"b\":4}]"),
                        r("POST /rpc/add").body("application/x-www-form-urlencoded", "a=1&b=2"),
                        r("HEAD /rpc/add?a=1&b=2"),
                        r("GET /rpc/add?a=1&b=2").accept("text/csv"),
                        r("GET /rpc/add?a=1&b=2").accept("application/vnd.pgrst.object+json"),
                        r("GET /rpc/search_books?q=left"),
                        r("GET /rpc/search_books?q=left&select=id,title&order=id.desc&limit=2"),
                        r("GET /rpc/search_books?q=left&id=gt.1"),
                        r("GET /rpc/search_books?q=left").prefer("count=exact"),
                        r("GET /rpc/search_books?q=left&offset=1&limit=1").prefer("count=exact"),
                        r("GET /rpc/search_books?q=left").accept("application/vnd.pgrst.object+json"),
                        r("POST /rpc/search_books?select=id&order=id").json("{\"q\":\"left\"}"),
                        r("POST /rpc/search_books").json("{\"q\":\"left\"}").prefer("handling=strict, max-affected=1"),
                        r("GET /rpc/books_by_author?author=1"),
                        r("GET /rpc/books_by_author?author=1&published=lt.1969-01-01&select=title&order=id"),
                        r("GET /rpc/books_by_author?author=1&or=(id.eq.1,title.like.*a*)"),
                        r("GET /rpc/books_by_author?author=1&select=count()"),
                        r("GET /rpc/sum_all?nums=1&nums=2&nums=3"),
                        r("GET /rpc/sum_all?nums=1"),
                        r("POST /rpc/sum_all").json("{\"nums\":[1,2,3]}"),
                        r("GET /rpc/describe?thing=1"),
                        r("GET /rpc/describe?thing=cat&loud=true"),
                        r("POST /rpc/echo_json").json("{\"a\":[1,2],\"b\":null}"),
                        r("POST /rpc/echo_json").json("[1,2,3]"),
                        r("POST /rpc/shout").body("text/plain", "hello"),
                        r("POST /rpc/take_ticket"),
                        r("GET /rpc/peek_ticket"),
                        r("POST /rpc/touch_ticket_counter"),
                        r("GET /rpc/me"),
                        r("GET /rpc/whoami"),
                        r("POST /rpc/send_message")
                                .json("{\"recipient\":\"bob\",\"subject\":\"hi\",\"body\":\"hello\"}"),
                        r("POST /rpc/send_message?select=message_subject,message_to")
                                .json("{\"recipient\":\"bob\",\"subject\":\"hi\",\"body\":\"hello\"}"),
                        r("POST /rpc/send_message?columns=recipient,subject,body")
                                .json("{\"recipient\":\"bob\",\"subject\":\"hi\",\"body\":\"ignored\"}"),
                        r("POST /rpc/login")
                                .json("{\"email\":\"alice@example.com\",\"pass\":\"secret\"}")
                                .as("anon"),
                        r("GET /rpc/local_work_mem"),
                        r("POST /rpc/slow_hoisted"),
                        r("POST /rpc/serializable_isolation")));
    }

    static Group settings() {
        return new Group(
                "settings",
                "what every request sets first: roles, claims, profiles, timezone, transaction"
                        + " end, hoisted function settings",
                true,
                List.of(
                        r("GET /books?id=eq.1").as("anon"),
                        r("GET /books?id=eq.1"),
                        r("GET /books?id=eq.1").as("bob"),
                        r("GET /todos").as("carol"),
                        r("GET /books?id=eq.1").header("Accept-Profile", "api"),
                        r("POST /books").json("{\"title\":\"Profiled\"}").header("Content-Profile", "api"),
                        r("GET /books?id=eq.1").header("Cookie", "session=abc; theme=dark"),
                        r("GET /books?id=eq.1").header("X-Request-Id", "r-1"),
                        r("GET /books?id=eq.1").prefer("timezone=America/New_York"),
                        r("GET /books?id=eq.1").prefer("tx=rollback"),
                        r("POST /books").json("{\"title\":\"Rolled back\"}").prefer("tx=rollback"),
                        r("PATCH /books?id=eq.1")
                                .json("{\"title\":\"Committed\"}")
                                .prefer("tx=commit"),
                        r("DELETE /books?id=eq.1").prefer("handling=lenient, tx=rollback"),
                        r("POST /rpc/slow_hoisted"),
                        r("POST /rpc/serializable_isolation"),
                        r("GET /rpc/local_work_mem"),
                        r("POST /rpc/add").json("{\"a\":1,\"b\":2}").as("anon")));
    }

    static Group errors() {
        return new Group(
                "errors",
                "requests that planning refuses: the error instead of SQL",
                false,
                List.of(
                        r("GET /books?select=nope"),
                        r("GET /books?nope=eq.1"),
                        r("GET /books?id=nope.1"),
                        r("GET /books?id=eq"),
                        r("GET /books?select=id,"),
                        r("GET /books?order=nope"),
                        r("GET /books?order=id.sideways"),
                        r("GET /books?limit=-1"),
                        r("GET /books?limit=abc"),
                        r("GET /books?select=id,nope(id)"),
                        r("GET /reviews?select=id,readers(name)"),
                        r("GET /books?select=id,authors!nope(name)"),
                        r("GET /books?select=title,...books(id)"),
                        r("GET /authors?select=name,books(title)&order=books(title)"),
                        r("GET /books?id=eq(any).1"),
                        r("GET /books?or=(id.eq.1"),
                        r("GET /books?select=id.sum()").header("Accept-Profile", "api"),
                        r("GET /bookz"),
                        r("GET /books").header("Accept-Profile", "private"),
                        r("GET /books").header("Range", "5-1"),
                        r("GET /books").prefer("handling=strict, nonsense"),
                        r("POST /books").json("{\"title\": "),
                        r("POST /books").json("{\"nope\":1}"),
                        r("POST /books?columns=nope").json("{\"title\":\"x\"}"),
                        r("POST /books?columns=").json("{\"title\":\"x\"}"),
                        r("POST /books").json("[{\"title\":\"a\"},{\"author_id\":1}]"),
                        r("PUT /books?id=gt.1").json("{\"id\":2,\"title\":\"x\"}"),
                        r("PUT /books?id=eq.1&limit=1").json("{\"id\":1,\"title\":\"x\"}"),
                        r("PUT /books").json("{\"id\":1,\"title\":\"x\"}"),
                        r("GET /rpc/nope"),
                        r("GET /rpc/add?a=1&c=2"),
                        r("GET /rpc/add?a=x&b=2"),
                        r("POST /rpc/add?a=1").json("{\"b\":2}"),
                        r("POST /rpc/add")
                                .prefer("handling=strict, max-affected=1")
                                .json("{\"a\":1,\"b\":2}"),
                        r("GET /rpc/take_ticket"),
                        r("POST /books").json("{\"title\":\"x\"}").header("Content-Profile", "private"),
                        r("GET /books").accept("application/vnd.pgrst.object+json; nulls=nope"),
                        r("GET /books?id=neq(any).{1,2}"),
                        r("GET /books?author_id=in.(1,null)"),
                        r("GET /books?select=published.max()&order=published.max()"),
                        r("GET /rpc/convert?x=1"),
                        r("POST /rpc/convert").json("{\"x\":\"one\"}")));
    }

    static Group bench() {
        String jwt = " with a JWT";
        return new Group(
                "bench",
                "the requests bench/run.sh measures; bench/pgbench/pgapi_*.sql are made from them",
                true,
                List.of(
                        r("GET /books?id=eq.42")
                                .bench(new Bench(
                                        "single",
                                        "GET /books?id=eq.N" + jwt,
                                        null,
                                        "\\set id random(1, :max_id)",
                                        Map.of("42", ":id"))),
                        r("GET /books?select=id,title,published,author_id&id=gt.500&order=id&limit=20")
                                .bench(new Bench(
                                        "filter20",
                                        "GET /books?select=id,title,published,author_id&id=gt.N" + "&order=id&limit=20"
                                                + jwt,
                                        null,
                                        "\\set id random(1, :max_id - 20)",
                                        Map.of("500", ":id"))),
                        r("POST /rpc/add")
                                .json("{\"a\":40,\"b\":2}")
                                .bench(new Bench(
                                        "rpc",
                                        "POST /rpc/add {\"a\":40,\"b\":2}" + jwt,
                                        null,
                                        null,
                                        Map.of("{\"a\":40,\"b\":2}", ":args"))),
                        r("GET /books?id=eq.42")
                                .as("anon")
                                .bench(new Bench(
                                        "anon",
                                        "GET /books?id=eq.N without a token" + " (anon)",
                                        null,
                                        "\\set id random(1, :max_id)",
                                        Map.of("42", ":id", "3s", ":anon_timeout"))),
                        r("GET /authors?select=id,name,books(id,title)&id=eq.42")
                                .bench(new Bench(
                                        "embed",
                                        "GET /authors?select=id,name,books(id,title)&id=eq.N" + jwt,
                                        null,
                                        "\\set id random(1, :max_author)",
                                        Map.of("42", ":id"))),
                        r("POST /books")
                                .json("{\"title\":\"Bench book\",\"author_id\":1}")
                                .prefer("return=representation")
                                .bench(new Bench(
                                        "insert",
                                        "POST /books {\"title\":\"Bench book\",\"author_id\":N} with"
                                                + " Prefer: return=representation and a JWT",
                                        "The service binds the body as one"
                                                + " JSON array; here it is assembled from the random author id.",
                                        "\\set author random(1, :max_author)",
                                        Map.of(
                                                "[{\"title\":\"Bench book\",\"author_id\":1}]",
                                                "('[{\"title\":\"Bench book\",\"author_id\":' || :author || '}]')")))));
    }
}
