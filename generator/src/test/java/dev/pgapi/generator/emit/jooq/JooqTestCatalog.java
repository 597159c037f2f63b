package dev.pgapi.generator.emit.jooq;

import dev.pgapi.generator.catalog.Argument;
import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.Column;
import dev.pgapi.generator.catalog.ForeignKey;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.RelationKind;
import dev.pgapi.generator.catalog.RelationRef;
import dev.pgapi.generator.catalog.Schema;
import dev.pgapi.generator.catalog.TypeCategory;
import dev.pgapi.generator.catalog.TypeRef;
import dev.pgapi.generator.catalog.UniqueKey;
import dev.pgapi.generator.catalog.UserType;
import java.util.List;

/** A small hand-built catalog: schemas {@code api} and {@code audit}, as the catalog reader would describe them. */
final class JooqTestCatalog {

    static final TypeRef INT = builtin("integer", "int4", TypeCategory.NUMERIC);
    static final TypeRef BIGINT = builtin("bigint", "int8", TypeCategory.NUMERIC);
    static final TypeRef TEXT = builtin("text", "text", TypeCategory.STRING);
    static final TypeRef VARCHAR64 = builtin("character varying(64)", "varchar", TypeCategory.STRING);
    static final TypeRef MONEY = builtin("numeric(10,2)", "numeric", TypeCategory.NUMERIC);
    static final TypeRef BOOL = builtin("boolean", "bool", TypeCategory.BOOLEAN);
    static final TypeRef DATE = builtin("date", "date", TypeCategory.DATETIME);
    static final TypeRef TIMESTAMPTZ = builtin("timestamp with time zone", "timestamptz", TypeCategory.DATETIME);
    static final TypeRef UUID = builtin("uuid", "uuid", TypeCategory.UUID);
    static final TypeRef JSONB = builtin("jsonb", "jsonb", TypeCategory.JSON);
    static final TypeRef TEXT_ARRAY = new TypeRef("text[]", "pg_catalog", "text", TypeCategory.STRING, 1, null);
    static final TypeRef INET = builtin("inet", "inet", TypeCategory.OTHER);
    static final TypeRef MOOD = new TypeRef("api.\"Mood\"", "api", "Mood", TypeCategory.ENUM, 0, null);
    static final TypeRef MOOD_ARRAY = new TypeRef("api.\"Mood\"[]", "api", "Mood", TypeCategory.ENUM, 1, null);
    static final TypeRef EMAIL =
            new TypeRef("api.email", "api", "email", TypeCategory.STRING, 0, "character varying(255)");
    static final TypeRef INT_ARRAY = new TypeRef("integer[]", "pg_catalog", "int4", TypeCategory.NUMERIC, 1, null);
    static final TypeRef VOID = builtin("void", "void", TypeCategory.PSEUDO);
    static final TypeRef RECORD = builtin("record", "record", TypeCategory.PSEUDO);
    static final TypeRef ROW = new TypeRef("api.books", "api", "books", TypeCategory.COMPOSITE, 0, null);
    static final TypeRef ADDRESS = new TypeRef("api.address", "api", "address", TypeCategory.COMPOSITE, 0, null);

    private JooqTestCatalog() {}

    static Catalog catalog() {
        Relation authors = table(
                "authors",
                "People who write. */ \"Quoted\" C:\\users",
                List.of(
                        column("id", 1, INT, false, null, "ALWAYS"),
                        column("name", 2, TEXT, false, null, null),
                        column("email", 3, VARCHAR64, true, null, null),
                        column("mood", 4, MOOD, true, "'ok'::api.\"Mood\"", null),
                        column("created_at", 5, TIMESTAMPTZ, false, "now()", null),
                        column("tags", 6, TEXT_ARRAY, true, null, null),
                        column("contact", 7, EMAIL, true, null, null),
                        column("address", 8, ADDRESS, true, null, null)),
                List.of("id"),
                List.of(new UniqueKey("authors_email_key", List.of("email"))),
                List.of());
        Relation books = table(
                "books",
                null,
                List.of(
                        column("author_id", 1, INT, false, null, null),
                        column("seq", 2, BIGINT, false, null, null),
                        column("title", 3, TEXT, false, null, null),
                        column("price", 4, MONEY, true, null, null),
                        column("published", 5, BOOL, false, "false", null),
                        column("published_on", 6, DATE, true, null, null),
                        column("uid", 7, UUID, false, "gen_random_uuid()", null),
                        column("meta", 8, JSONB, true, null, null),
                        new Column(
                                "title_upper",
                                9,
                                TEXT,
                                true,
                                "upper(title)",
                                null,
                                true,
                                null,
                                "Derived.",
                                null,
                                List.of())),
                List.of("author_id", "seq"),
                List.of(new UniqueKey("books_uid_key", List.of("uid"))),
                List.of(new ForeignKey("books_author_id_fkey", List.of("author_id"), "api", "authors", List.of("id"))));
        Relation reviews = table(
                "reviews",
                null,
                List.of(
                        column("id", 1, BIGINT, false, "nextval('api.reviews_id_seq'::regclass)", null),
                        column("book_seq", 2, BIGINT, false, null, null),
                        column("book_author_id", 3, INT, false, null, null),
                        column("moods", 4, MOOD_ARRAY, true, null, null),
                        column("event_id", 5, UUID, true, null, null),
                        column("client", 6, INET, true, null, null)),
                List.of("id"),
                List.of(),
                List.of(
                        // key columns listed in the opposite order of the referenced primary key
                        new ForeignKey(
                                "reviews_book_fkey",
                                List.of("book_seq", "book_author_id"),
                                "api",
                                "books",
                                List.of("seq", "author_id")),
                        new ForeignKey("reviews_event_id_fkey", List.of("event_id"), "audit", "events", List.of("id")),
                        new ForeignKey(
                                "reviews_secret_fkey", List.of("event_id"), "private", "secrets", List.of("id"))));
        Relation authorNames = new Relation(
                "author_names",
                RelationKind.VIEW,
                "Names only.",
                List.of(column("id", 1, INT, true, null, null), column("name", 2, TEXT, true, null, null)),
                List.of(),
                List.of(),
                List.of(),
                false,
                false,
                false,
                false,
                false,
                List.of(),
                List.of(),
                false);
        Schema api = new Schema(
                "api",
                "The API.",
                List.of("PUBLIC"),
                List.of(authorNames, authors, books, reviews),
                List.of(
                        // overloads, sorted by argument types as the catalog reader sorts them
                        function("describe", List.of(in("thing", INT)), TEXT, false, null, null),
                        function("describe", List.of(in("thing", TEXT), in("loud", BOOL)), TEXT, false, null, null),
                        function(
                                "greet",
                                List.of(in("", TEXT), new Argument("mood", MOOD, "IN", true)),
                                TEXT,
                                false,
                                null,
                                "Says hello."),
                        function("nothing", List.of(), VOID, false, null, null),
                        function("search", List.of(in("q", TEXT)), ROW, true, new RelationRef("api", "books"), null),
                        function(
                                "split",
                                List.of(in("s", TEXT), new Argument("head", TEXT, "OUT", false)),
                                RECORD,
                                false,
                                null,
                                null),
                        function(
                                "sum_all",
                                List.of(new Argument("nums", INT_ARRAY, "VARIADIC", false)),
                                INT,
                                false,
                                null,
                                null),
                        function("title_of", List.of(in("", ROW)), TEXT, false, null, null),
                        function("top_book", List.of(), ROW, false, new RelationRef("api", "books"), null)),
                List.of(
                        new UserType(
                                "Mood",
                                TypeCategory.ENUM,
                                List.of("sad", "ok", "happy"),
                                List.of(),
                                null,
                                "How one feels."),
                        new UserType(
                                "address",
                                TypeCategory.COMPOSITE,
                                List.of(),
                                List.of(new UserType.Attribute("street", TEXT)),
                                null,
                                null),
                        new UserType(
                                "email", TypeCategory.STRING, List.of(), List.of(), "character varying(255)", null)));
        // two foreign keys with the same name on different tables, as PostgreSQL allows
        Relation eventLinks = table(
                "event_links",
                null,
                List.of(column("id", 1, UUID, false, null, null), column("event_id", 2, UUID, false, null, null)),
                List.of("id"),
                List.of(),
                List.of(new ForeignKey("event_fkey", List.of("event_id"), "audit", "events", List.of("id"))));
        Relation events = table(
                "events",
                null,
                List.of(
                        column("id", 1, UUID, false, null, null),
                        column("payload", 2, JSONB, false, null, null),
                        column("parent_id", 3, UUID, true, null, null)),
                List.of("id"),
                List.of(),
                List.of(new ForeignKey("event_fkey", List.of("parent_id"), "audit", "events", List.of("id"))));
        Schema audit = new Schema("audit", null, List.of(), List.of(eventLinks, events), List.of(), List.of());
        return new Catalog(Catalog.FORMAT_VERSION, 17, List.of(api, audit), List.of(), List.of());
    }

    static Function function(
            String name, List<Argument> arguments, TypeRef returns, boolean set, RelationRef relation, String comment) {
        return new Function(
                name,
                arguments,
                returns,
                set,
                relation,
                "VOLATILE",
                false,
                "sql",
                List.of(),
                comment,
                List.of(),
                null,
                false);
    }

    static Argument in(String name, TypeRef type) {
        return new Argument(name, type, "IN", false);
    }

    static TypeRef builtin(String sql, String name, TypeCategory category) {
        return new TypeRef(sql, "pg_catalog", name, category, 0, null);
    }

    static Column column(
            String name, int ordinal, TypeRef type, boolean nullable, String defaultValue, String identity) {
        return new Column(
                name, ordinal, type, nullable, defaultValue, identity, false, defaultValue, null, null, List.of());
    }

    static Relation table(
            String name,
            String comment,
            List<Column> columns,
            List<String> primaryKey,
            List<UniqueKey> uniqueKeys,
            List<ForeignKey> foreignKeys) {
        return new Relation(
                name,
                RelationKind.TABLE,
                comment,
                columns,
                primaryKey,
                uniqueKeys,
                foreignKeys,
                true,
                true,
                true,
                false,
                false,
                List.of(),
                List.of(),
                false);
    }
}
