package dev.pgapi.generator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the fixture migrations (test resources, {@code migrations/}) applied to one embedded PostgreSQL. */
class CatalogReaderTest {

    static MigrationsDatabase db;
    static Catalog catalog;
    static Schema api;
    static Schema app;

    @BeforeAll
    static void start() throws Exception {
        db = MigrationsDatabase.start(migrations());
        catalog = read(List.of("app", "api"));
        api = catalog.schema("api").orElseThrow();
        app = catalog.schema("app").orElseThrow();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static Path migrations() throws URISyntaxException {
        return Path.of(CatalogReaderTest.class.getResource("migrations").toURI());
    }

    static Catalog read(List<String> schemas) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return CatalogReader.read(c, schemas);
        }
    }

    static Relation relation(Schema schema, String name) {
        return schema.relation(name).orElseThrow(() -> new AssertionError("no relation " + name));
    }

    static Column column(Relation relation, String name) {
        return relation.column(name).orElseThrow(() -> new AssertionError("no column " + name));
    }

    static List<Function> functions(String name) {
        return api.functions().stream().filter(f -> f.name().equals(name)).toList();
    }

    static Function function(String name) {
        List<Function> found = functions(name);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    // ---- schemas and relations ------------------------------------------------------------------------------

    @Test
    void onlyRequestedSchemasAreReadSortedByName() {
        assertThat(catalog.schemas()).extracting(Schema::name).containsExactly("api", "app");
        assertThat(catalog.serverMajor()).isEqualTo(18);
        assertThat(catalog.formatVersion()).isEqualTo(Catalog.FORMAT_VERSION);
    }

    @Test
    void schemasCarryCommentAndUsage() {
        assertThat(api.comment()).isEqualTo("The public API");
        assertThat(api.usage()).containsExactly("anon", "webuser");
        assertThat(app.comment()).isNull();
        assertThat(app.usage()).containsExactly("webuser");
    }

    @Test
    void relationsOfEveryExposedKindAppearButPartitionsDoNot() {
        assertThat(api.relations())
                .extracting(Relation::name)
                .containsExactly(
                        "Odd View",
                        "author_stats",
                        "authors",
                        "book_counts",
                        "book_list",
                        "book_titles",
                        "books",
                        "imports",
                        "measurements",
                        "secret_view",
                        "shouting_authors");
        assertThat(relation(api, "imports").kind()).isEqualTo(RelationKind.FOREIGN_TABLE);
        assertThat(column(relation(api, "imports"), "line").nullable()).isFalse();
        assertThat(relation(api, "books").kind()).isEqualTo(RelationKind.TABLE);
        assertThat(relation(api, "measurements").kind()).isEqualTo(RelationKind.PARTITIONED_TABLE);
        assertThat(relation(api, "book_list").kind()).isEqualTo(RelationKind.VIEW);
        assertThat(relation(api, "book_counts").kind()).isEqualTo(RelationKind.MATERIALIZED_VIEW);
        assertThat(relation(api, "authors").comment()).isEqualTo("Who writes");
        assertThat(relation(api, "book_list").comment()).isEqualTo("Books, simply");
    }

    @Test
    void columnsComeInOrdinalOrderWithoutDroppedOnes() {
        assertThat(relation(api, "books").columns())
                .extracting(Column::name)
                .containsExactly(
                        "author_id",
                        "seq",
                        "title",
                        "price",
                        "price_with_tax",
                        "tags",
                        "mood",
                        "address",
                        "isbn",
                        "code",
                        "serial_no");
        assertThat(column(relation(api, "books"), "isbn").ordinal()).isEqualTo(10);
    }

    @Test
    void columnsCarryNullabilityDefaultsIdentityGenerationAndComments() {
        Relation authors = relation(api, "authors");
        Column id = column(authors, "id");
        assertThat(id.identity()).isEqualTo("ALWAYS");
        assertThat(id.nullable()).isFalse();
        assertThat(id.defaultValue()).isNull();
        assertThat(id.hasDefault()).isTrue();
        assertThat(column(authors, "name").comment()).isEqualTo("Full name");
        assertThat(column(authors, "name").hasDefault()).isFalse();
        assertThat(column(authors, "created_at").defaultValue()).isEqualTo("now()");
        assertThat(column(authors, "email").nullable()).isTrue();

        Relation books = relation(api, "books");
        assertThat(column(books, "serial_no").identity()).isEqualTo("BY_DEFAULT");
        assertThat(column(books, "price_with_tax").generated()).isTrue();
        assertThat(column(books, "price_with_tax").defaultValue()).isNull();
        assertThat(column(authors, "name_length").generated()).as("virtual").isTrue();
        assertThat(column(authors, "name_length").defaultValue()).isNull();
        assertThat(column(books, "tags").defaultValue()).isEqualTo("'{}'::text[]");
        assertThat(column(app.relations().getFirst(), "owner").defaultValue()).isEqualTo("CURRENT_USER");
    }

    @Test
    void typesAreDescribedWithModifiersArraysEnumsDomainsAndComposites() {
        Relation books = relation(api, "books");
        assertThat(column(books, "title").type())
                .isEqualTo(
                        new TypeRef("character varying(200)", "pg_catalog", "varchar", TypeCategory.STRING, 0, null));
        assertThat(column(books, "price").type().sql()).isEqualTo("numeric(10,2)");
        assertThat(column(books, "tags").type())
                .isEqualTo(new TypeRef("text[]", "pg_catalog", "text", TypeCategory.STRING, 1, null));
        assertThat(column(books, "mood").type())
                .isEqualTo(new TypeRef("api.\"Mood\"", "api", "Mood", TypeCategory.ENUM, 0, null));
        assertThat(column(books, "address").type().category()).isEqualTo(TypeCategory.COMPOSITE);
        assertThat(column(books, "code").type().category()).isEqualTo(TypeCategory.UUID);
        assertThat(column(relation(api, "authors"), "created_at").type().category())
                .isEqualTo(TypeCategory.DATETIME);
        assertThat(column(relation(api, "authors"), "nick").type())
                .isEqualTo(new TypeRef(
                        "api.short_name", "api", "short_name", TypeCategory.STRING, 0, "character varying(20)"));
        assertThat(function("moods").returnType())
                .isEqualTo(new TypeRef("api.\"Mood\"[]", "api", "Mood", TypeCategory.ENUM, 1, null));
    }

    @Test
    void typeSqlIsValidWhateverTheSearchPath() throws Exception {
        List<String> sql = new ArrayList<>();
        for (Schema s : catalog.schemas()) {
            s.relations().forEach(r -> r.columns().forEach(c -> sql.add(c.type().sql())));
            s.functions()
                    .forEach(f -> f.arguments().forEach(a -> sql.add(a.type().sql())));
            s.types().forEach(t -> t.attributes().forEach(a -> sql.add(a.type().sql())));
        }
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("set search_path = ''");
            for (String type : sql) {
                s.execute("select null::" + type);
            }
        }
    }

    @Test
    void userTypesAreListedWithLabelsAttributesAndBaseTypes() {
        assertThat(api.types())
                .extracting(UserType::name)
                .containsExactly("Mood", "address", "email", "float_range", "short_name");
        UserType mood = api.types().getFirst();
        assertThat(mood.category()).isEqualTo(TypeCategory.ENUM);
        assertThat(mood.labels()).containsExactly("sad", "ok", "happy");
        UserType address = api.types().get(1);
        assertThat(address.comment()).isEqualTo("A postal address");
        assertThat(address.attributes())
                .extracting(a -> a.name() + " " + a.type().sql())
                .containsExactly("street text", "zip character varying(10)");
        UserType email = api.types().get(2);
        assertThat(email.category()).isEqualTo(TypeCategory.STRING);
        assertThat(email.baseType()).isEqualTo("text");
        assertThat(api.types().get(3).category()).isEqualTo(TypeCategory.RANGE);
    }

    @Test
    void domainCastsAreTheImplicitFunctionCastsBetweenADomainAndJsonOrText() {
        assertThat(catalog.domainCasts())
                .containsExactly(
                        new DomainCast("api.email", "json", "casts", "email_json"),
                        new DomainCast("text", "api.email", "casts", "email"));
    }

    // ---- keys ---------------------------------------------------------------------------------------------------

    @Test
    void keysKeepColumnOrderAndSkipPartialAndExpressionIndexes() {
        Relation books = relation(api, "books");
        assertThat(books.primaryKey()).containsExactly("author_id", "seq");
        assertThat(books.uniqueKeys())
                .containsExactly(
                        new UniqueKey("books_isbn_idx", List.of("isbn")),
                        new UniqueKey("books_title_key", List.of("author_id", "title")));
        assertThat(relation(api, "authors").uniqueKeys())
                .containsExactly(new UniqueKey("authors_email_key", List.of("email")));
        assertThat(relation(api, "book_list").primaryKey()).isEmpty();
    }

    @Test
    void foreignKeysMayBeCompositeAndReferenceOtherSchemas() {
        Relation reviews = relation(app, "reviews");
        assertThat(reviews.foreignKeys())
                .containsExactly(
                        new ForeignKey(
                                "reviews_book_fkey",
                                List.of("book_seq", "book_author"),
                                "api",
                                "books",
                                List.of("seq", "author_id")),
                        new ForeignKey(
                                "reviews_secret_id_fkey", List.of("secret_id"), "internal", "secrets", List.of("id")));
        assertThat(relation(api, "books").foreignKeys())
                .containsExactly(
                        new ForeignKey("books_author_id_fkey", List.of("author_id"), "api", "authors", List.of("id")));
    }

    // ---- views ----------------------------------------------------------------------------------------------

    @Test
    void viewUpdatabilityFollowsPostgres() {
        assertThat(relation(api, "books"))
                .extracting(Relation::insertable, Relation::updatable, Relation::deletable)
                .containsExactly(true, true, true);
        assertThat(relation(api, "book_list"))
                .extracting(Relation::insertable, Relation::updatable, Relation::deletable)
                .containsExactly(true, true, true);
        assertThat(relation(api, "author_stats"))
                .extracting(Relation::insertable, Relation::updatable, Relation::deletable)
                .containsExactly(false, false, false);
        assertThat(relation(api, "book_counts"))
                .extracting(Relation::insertable, Relation::updatable, Relation::deletable)
                .containsExactly(false, false, false);
        assertThat(relation(api, "imports"))
                .extracting(Relation::insertable, Relation::updatable, Relation::deletable)
                .as("file_fdw is read-only")
                .containsExactly(false, false, false);
    }

    @Test
    void viewColumnsPointAtTheirBaseTableColumns() {
        Relation bookList = relation(api, "book_list");
        assertThat(column(bookList, "book_title").source()).isEqualTo(new ColumnSource("api", "books", "title"));
        assertThat(column(bookList, "seq").source()).isEqualTo(new ColumnSource("api", "books", "seq"));
        assertThat(column(bookList, "shout").source()).as("computed column").isNull();
        assertThat(column(relation(api, "books"), "title").source())
                .as("tables have none")
                .isNull();
    }

    @Test
    void viewColumnSourcesFollowViewChainsJoinsAndPrivateSchemas() {
        assertThat(column(relation(api, "book_titles"), "book_title").source())
                .isEqualTo(new ColumnSource("api", "books", "title"));
        assertThat(column(relation(api, "author_stats"), "author_id").source())
                .isEqualTo(new ColumnSource("api", "authors", "id"));
        assertThat(column(relation(api, "author_stats"), "books").source()).isNull();
        assertThat(column(relation(api, "secret_view"), "secret_id").source())
                .isEqualTo(new ColumnSource("internal", "secrets", "id"));
        assertThat(column(relation(api, "book_counts"), "author_id").source())
                .isEqualTo(new ColumnSource("api", "books", "author_id"));
    }

    @Test
    void insteadOfTriggersMakeViewsWritable() {
        assertThat(relation(api, "shouting_authors"))
                .extracting(Relation::insertable, Relation::updatable, Relation::deletable)
                .containsExactly(true, false, false);
    }

    @Test
    void onlyTheTopLevelTargetListOfAViewCounts() {
        Relation odd = relation(api, "Odd View");
        assertThat(odd.columns()).extracting(Column::name).containsExactly("Title (full)", "the seq", "author count");
        assertThat(column(odd, "Title (full)").source()).isEqualTo(new ColumnSource("api", "books", "title"));
        assertThat(column(odd, "the seq").source())
                .as("through a CTE")
                .isEqualTo(new ColumnSource("api", "books", "seq"));
        assertThat(column(odd, "author count").source()).isNull();
    }

    @Test
    void securityInvokerViewsAreMarked() {
        assertThat(relation(api, "author_stats").securityInvoker()).isTrue();
        assertThat(relation(api, "book_list").securityInvoker()).isFalse();
    }

    // ---- privileges and RLS ---------------------------------------------------------------------------------

    @Test
    void tableGrantsAreSortedByRoleThenPrivilege() {
        assertThat(relation(api, "authors").grants())
                .containsExactly(
                        new Grant("anon", "SELECT"),
                        new Grant("webuser", "DELETE"),
                        new Grant("webuser", "INSERT"),
                        new Grant("webuser", "SELECT"),
                        new Grant("webuser", "UPDATE"));
        assertThat(relation(api, "book_titles").grants()).containsExactly(new Grant("anon", "SELECT"));
    }

    @Test
    void columnGrantsAreReadPerColumn() {
        Relation reviews = relation(app, "reviews");
        assertThat(reviews.grants()).containsExactly(new Grant("alice", "SELECT"));
        assertThat(column(reviews, "body").grants())
                .containsExactly(
                        new Grant("webuser", "INSERT"), new Grant("webuser", "SELECT"), new Grant("webuser", "UPDATE"));
        assertThat(column(reviews, "id").grants()).containsExactly(new Grant("webuser", "SELECT"));
        assertThat(column(reviews, "owner").grants()).isEmpty();
    }

    @Test
    void rowLevelSecurityFlagsAndPoliciesAreRead() {
        Relation reviews = relation(app, "reviews");
        assertThat(reviews.rlsEnabled()).isTrue();
        assertThat(reviews.rlsForced()).isTrue();
        assertThat(relation(api, "books").rlsEnabled()).isFalse();
        assertThat(reviews.policies())
                .containsExactly(
                        new Policy("reviews_guard", "ALL", false, List.of("PUBLIC"), "(stars >= 1)", null),
                        new Policy(
                                "reviews_own",
                                "UPDATE",
                                true,
                                List.of("alice", "webuser"),
                                "(owner = CURRENT_USER)",
                                "(stars > 0)"),
                        new Policy("reviews_read", "SELECT", true, List.of("PUBLIC"), "true", null));
    }

    // ---- functions ------------------------------------------------------------------------------------------

    @Test
    void triggerFunctionsAndProceduresAreExcluded() {
        assertThat(api.functions())
                .extracting(Function::name)
                .doesNotContain("on_books", "not_a_function")
                .contains("add", "books_by", "top_titles", "touch", "total", "split", "whoami", "moods");
    }

    @Test
    void overloadsAreSortedByInputTypes() {
        assertThat(functions("add"))
                .extracting(f -> f.inputs().stream().map(a -> a.type().sql()).toList())
                .containsExactly(List.of("integer", "integer"), List.of("numeric", "numeric"));
        Function add = functions("add").getFirst();
        assertThat(add.comment()).isEqualTo("Adds");
        assertThat(add.volatility()).isEqualTo("IMMUTABLE");
        assertThat(add.language()).isEqualTo("sql");
        assertThat(add.arguments())
                .extracting(Argument::name, Argument::hasDefault)
                .containsExactly(tuple("a", false), tuple("b", true));
    }

    @Test
    void argumentModesCoverOutVariadicAndTableColumns() {
        assertThat(function("split").arguments())
                .extracting(Argument::name, Argument::mode)
                .containsExactly(tuple("full_name", "IN"), tuple("first", "OUT"), tuple("last", "OUT"));
        assertThat(function("split").returnType().sql()).isEqualTo("record");
        assertThat(function("total").arguments())
                .containsExactly(new Argument(
                        "nums",
                        new TypeRef("integer[]", "pg_catalog", "int4", TypeCategory.NUMERIC, 1, null),
                        "VARIADIC",
                        false));
        Function top = function("top_titles");
        assertThat(top.arguments())
                .extracting(Argument::name, Argument::mode, Argument::hasDefault)
                .containsExactly(tuple("n", "IN", true), tuple("title", "TABLE", false), tuple("rank", "TABLE", false));
        assertThat(top.returnsSet()).isTrue();
        assertThat(top.inputs()).hasSize(1);
    }

    @Test
    void returnShapesAreRecorded() {
        Function booksBy = function("books_by");
        assertThat(booksBy.returnsSet()).isTrue();
        assertThat(booksBy.returnRelation()).isEqualTo(new RelationRef("api", "books"));
        assertThat(booksBy.volatility()).isEqualTo("STABLE");
        Function byEmail = function("author_by_email");
        assertThat(byEmail.returnsSet()).isFalse();
        assertThat(byEmail.returnRelation()).isEqualTo(new RelationRef("api", "authors"));
        assertThat(byEmail.arguments().getFirst().type().baseType()).isEqualTo("text");
        Function touch = function("touch");
        assertThat(touch.returnType().sql()).isEqualTo("void");
        assertThat(touch.returnType().category()).isEqualTo(TypeCategory.PSEUDO);
        assertThat(touch.volatility()).isEqualTo("VOLATILE");
        assertThat(touch.language()).isEqualTo("plpgsql");
        assertThat(touch.returnRelation()).isNull();
    }

    @Test
    void executeGrantsIncludePublicUnlessRevoked() {
        assertThat(function("touch").grants()).containsExactly(new Grant("PUBLIC", "EXECUTE"));
        Function whoami = function("whoami");
        assertThat(whoami.grants()).containsExactly(new Grant("webuser", "EXECUTE"));
        assertThat(whoami.securityDefiner()).isTrue();
        assertThat(whoami.settings()).containsExactly("search_path=pg_catalog, pg_temp");
    }

    // ---- roles ----------------------------------------------------------------------------------------------

    @Test
    void rolesCarryFlagsMembershipsAndSettings() {
        assertThat(catalog.roles()).extracting(Role::name).containsExactly("alice", "anon", "authenticator", "webuser");
        assertThat(catalog.role("authenticator").orElseThrow())
                .isEqualTo(new Role(
                        "authenticator",
                        true,
                        false,
                        false,
                        List.of("alice", "anon", "webuser"),
                        List.of("statement_timeout=5s")));
        assertThat(catalog.role("alice").orElseThrow().memberOf()).containsExactly("webuser");
        assertThat(catalog.role("webuser").orElseThrow().settings()).containsExactly("statement_timeout=10s");
    }

    // ---- determinism, snapshot, errors ------------------------------------------------------------------------

    @Test
    void snapshotRoundTrips() {
        assertThat(CatalogSnapshot.read(CatalogSnapshot.write(catalog))).isEqualTo(catalog);
    }

    @Test
    void twoReadsGiveByteIdenticalSnapshots() throws Exception {
        assertThat(CatalogSnapshot.write(read(List.of("api", "app")))).isEqualTo(CatalogSnapshot.write(catalog));
    }

    @Test
    void snapshotHoldsNoOidsAndNoBootstrapSuperuser() throws Exception {
        String json = CatalogSnapshot.write(catalog);
        assertThat(json)
                .doesNotContain("\"postgres\"")
                .doesNotContain("pg_database_owner")
                .doesNotContainPattern("\"pg_(read|write|signal|monitor|maintain)");
        List<Integer> numbers = new ArrayList<>();
        collectNumbers(new ObjectMapper().readTree(json), numbers);
        assertThat(numbers).isNotEmpty().allMatch(n -> n < 1000, "small (ordinals, versions), never OIDs");
    }

    private static void collectNumbers(JsonNode node, List<Integer> into) {
        if (node.isNumber()) {
            into.add(node.intValue());
        }
        node.elements().forEachRemaining(child -> collectNumbers(child, into));
    }

    @Test
    void unknownSchemasAreReportedByName() {
        assertThatThrownBy(() -> read(List.of("api", "nope")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("schema \"nope\" does not exist");
        assertThatThrownBy(() -> read(List.of("zz", "api", "nope")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("schemas \"nope\", \"zz\" do not exist");
    }

    @Test
    void readingLeavesTheConnectionAsItWas() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            CatalogReader.read(c, List.of("api"));
            assertThat(c.getAutoCommit()).isTrue();
            try (Statement s = c.createStatement();
                    var r = s.executeQuery("show search_path")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("\"$user\", public");
            }
        }
    }

    @Test
    void liveDatabaseGivesTheSameCatalog() {
        assertThat(CatalogSource.fromJdbc(db.jdbcUrl(), null, null, List.of("api", "app")))
                .isEqualTo(catalog);
    }

    @Test
    void flywayHistoryTableIsNotPartOfTheSchema() throws Exception {
        assertThat(read(List.of("public")).schemas().getFirst().relations()).isEmpty();
    }
}
