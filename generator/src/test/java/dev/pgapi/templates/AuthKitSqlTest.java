package dev.pgapi.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * The SQL auth kit ({@code templates/sql/auth-kit.sql}) and the example project's migrations, run against a real
 * PostgreSQL. The example scenarios are checked at SQL level the way the server runs a request: connected as
 * {@code authenticator}, one transaction, {@code set_config(role / request.jwt.claims / request.jwt.claim.*)}, the
 * pre-request hook, then the query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthKitSqlTest {

    static final String KIT_RESOURCE = "/dev/pgapi/templates/sql/auth-kit.sql";
    static final String MIGRATIONS = "example-project/src/main/resources/db/migration";
    /** The example project's secret (jwt-secret and app.settings.jwt_secret of its configuration). */
    static final String EXAMPLE_SECRET = "reallyreallyreallyreallyverysafe-example-secret-0123";

    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedPostgres pg;
    String kitSql;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (InputStream in = AuthKitSqlTest.class.getResourceAsStream(KIT_RESOURCE)) {
            assertThat(in).as("classpath resource " + KIT_RESOURCE).isNotNull();
            kitSql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = connect("postgres", "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("create database kit");
            s.execute("create database example");
            s.execute("create database example_again");
        }
        // The kit alone: it needs the exposed schema and the anonymous role of its ADAPT block.
        try (Connection c = connect("kit", "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select from pg_roles where rolname = 'anon') then "
                    + "create role anon nologin; end if; end $$");
            s.execute("create schema api");
            s.execute(kitSql);
            s.execute(kitSql); // idempotent
        }
        migrate("example");
    }

    @AfterAll
    void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The kit on its own
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Kit {

        @Test
        void pgcryptoIsAvailableInTheEmbeddedServer() throws Exception {
            try (Connection c = connect("kit", "postgres", "postgres")) {
                assertThat(queryString(c, "select extname from pg_extension where extname = 'pgcrypto'"))
                        .isEqualTo("pgcrypto");
            }
        }

        @Test
        void signMatchesThePgjwtVector() throws Exception {
            String payload = "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"admin\":true}";
            // pgjwt README / jwt.io: sign('{"sub":"1234567890","name":"John Doe","admin":true}', 'secret')
            String pgjwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                    + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9"
                    + ".TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ";
            try (Connection c = connect("kit", "postgres", "postgres")) {
                String token = queryString(c, "select basic_auth.sign(?::json, ?)", payload, "secret");
                assertThat(token)
                        .isEqualTo(javaSign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, "secret", "HS256"));
                assertThat(token).isEqualTo(pgjwt);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"HS256", "HS384", "HS512"})
        void signProducesTokensJavaVerifies(String alg) throws Exception {
            // long enough that base64 output would wrap lines (encode() breaks every 76 characters), non-ASCII too
            String payload = "{\"role\":\"alice\",\"email\":\"alice@example.com\",\"exp\":1999999999,"
                    + "\"name\":\"Zoë Ünïcödé\",\"padding\":\"" + "x".repeat(150) + "\"}";
            String secret = "a-secret-that-is-long-enough-0123456789";
            try (Connection c = connect("kit", "postgres", "postgres")) {
                String token = queryString(c, "select basic_auth.sign(?::json, ?, ?)", payload, secret, alg);
                String[] parts = token.split("\\.", -1);
                assertThat(parts).hasSize(3);
                assertThat(token).doesNotContain("=", "+", "/", "\n");
                assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
                assertThat(decode(parts[1])).isEqualTo(payload);
                assertThat(verifySignature(token, secret, alg)).isTrue();
                assertThat(verifySignature(token, secret + "x", alg)).isFalse();
                assertThat(token)
                        .isEqualTo(javaSign("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", payload, secret, alg));
            }
        }

        @Test
        void unknownAlgorithmIsRejected() throws Exception {
            try (Connection c = connect("kit", "postgres", "postgres")) {
                assertThatThrownBy(() -> queryString(c, "select basic_auth.sign('{}'::json, 'k', 'none')"))
                        .isInstanceOf(SQLException.class);
            }
        }

        @Test
        void verifyChecksSignatureAndTimeWindow() throws Exception {
            try (Connection c = connect("kit", "postgres", "postgres")) {
                String future = "{\"role\":\"anon\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}";
                String past = "{\"role\":\"anon\",\"exp\":" + (System.currentTimeMillis() / 1000 - 600) + "}";
                String good = queryString(c, "select basic_auth.sign(?::json, 'k', 'HS384')", future);
                String expired = queryString(c, "select basic_auth.sign(?::json, 'k', 'HS384')", past);
                String sql = "select valid, payload::text from basic_auth.verify(?, ?, ?)";
                assertThat(queryString(c, sql, good, "k", "HS384")).isEqualTo("t");
                assertThat(queryString(c, "select payload ->> 'role' from basic_auth.verify(?, 'k', 'HS384')", good))
                        .isEqualTo("anon");
                assertThat(queryString(c, sql, good, "wrong", "HS384")).isEqualTo("f");
                assertThat(queryString(c, sql, expired, "k", "HS384")).isEqualTo("f");
                assertThat(queryString(c, "select valid from basic_auth.verify(basic_auth.sign('{}'::json, 'k'), 'k')"))
                        .isEqualTo("t");
            }
        }

        @Test
        void usersAreHashedAndRolesChecked() throws Exception {
            try (Connection c = connect("kit", "postgres", "postgres")) {
                c.setAutoCommit(false);
                exec(c, "insert into basic_auth.users (email, pass, role) values ('u1@example.com', 'pw-1', 'anon')");
                String hash = queryString(c, "select pass from basic_auth.users where email = 'u1@example.com'");
                assertThat(hash).startsWith("$2a$").isNotEqualTo("pw-1");

                assertThat(queryString(c, "select basic_auth.user_role('u1@example.com', 'pw-1')"))
                        .isEqualTo("anon");
                assertThat(queryString(c, "select basic_auth.user_role('u1@example.com', 'pw-2')"))
                        .isNull();
                assertThat(queryString(c, "select basic_auth.user_role('nobody@example.com', 'pw-1')"))
                        .isNull();

                // updating another column keeps the hash; a new password is hashed again
                exec(c, "update basic_auth.users set role = 'anon' where email = 'u1@example.com'");
                assertThat(queryString(c, "select pass from basic_auth.users where email = 'u1@example.com'"))
                        .isEqualTo(hash);
                exec(c, "update basic_auth.users set pass = 'pw-2' where email = 'u1@example.com'");
                assertThat(queryString(c, "select basic_auth.user_role('u1@example.com', 'pw-2')"))
                        .isEqualTo("anon");
                c.rollback();

                SQLException e = sqlError(
                        () -> exec(
                                c,
                                "insert into basic_auth.users (email, pass, role) values ('u2@example.com', 'pw', 'no_such_role')"));
                assertThat(e.getSQLState()).isEqualTo("23503");
                assertThat(e.getMessage()).contains("unknown database role: no_such_role");
                c.rollback();

                assertThat(sqlError(
                                        () -> exec(
                                                c,
                                                "insert into basic_auth.users (email, pass, role) values ('not-an-email', 'pw', 'anon')"))
                                .getSQLState())
                        .isEqualTo("23514");
                c.rollback();
            }
        }

        @Test
        void userRoleIsNotCallableByPublic() throws Exception {
            try (Connection c = connect("kit", "postgres", "postgres")) {
                c.setAutoCommit(false);
                exec(c, "select set_config('role', 'anon', true)");
                // anon has no usage on basic_auth and no execute on user_role
                assertThat(sqlError(() -> queryString(c, "select basic_auth.user_role('a@b.c', 'x')"))
                                .getSQLState())
                        .isEqualTo("42501");
                c.rollback();
            }
        }

        @Test
        void loginTemplateSignsWithTheConfiguredSecret() throws Exception {
            String secret = "kit-test-secret-kit-test-secret-0123456789";
            try (Connection c = connect("kit", "postgres", "postgres")) {
                c.setAutoCommit(false);
                exec(c, "insert into basic_auth.users (email, pass, role) values ('k@example.com', 'k-pass', 'anon')");
                c.commit();
                try {
                    exec(
                            c,
                            "select set_config('role', 'anon', true), set_config('app.settings.jwt_secret', '" + secret
                                    + "', true)");
                    String json = queryString(c, "select to_json(api.login('k@example.com', 'k-pass'))::text");
                    String token = JSON.readTree(json).get("token").asText();
                    assertThat(verifySignature(token, secret, "HS256")).isTrue();
                    JsonNode claims = JSON.readTree(decode(token.split("\\.")[1]));
                    assertThat(claims.get("role").asText()).isEqualTo("anon");
                    assertThat(claims.get("email").asText()).isEqualTo("k@example.com");

                    SQLException wrong = sqlError(() -> queryString(c, "select api.login('k@example.com', 'nope')"));
                    assertThat(wrong.getSQLState()).isEqualTo("28P01");
                    assertThat(serverMessage(wrong)).isEqualTo("invalid user or password");
                    c.rollback();

                    // no secret configured: a clear error, no token signed with an empty key
                    exec(c, "select set_config('role', 'anon', true)");
                    SQLException noSecret =
                            sqlError(() -> queryString(c, "select api.login('k@example.com', 'k-pass')"));
                    assertThat(noSecret.getSQLState()).isEqualTo("F0000");
                    assertThat(serverMessage(noSecret)).isEqualTo("app.settings.jwt_secret is not set");
                    c.rollback();
                } finally {
                    c.rollback();
                    exec(c, "delete from basic_auth.users where email = 'k@example.com'");
                    c.commit();
                }
            }
        }

        @Test
        void loginIsSecurityDefinerWithFixedSearchPath() throws Exception {
            try (Connection c = connect("kit", "postgres", "postgres")) {
                assertThat(queryString(
                                c,
                                "select prosecdef::text || ' ' || array_to_string(proconfig, ',') "
                                        + "from pg_proc where oid = 'api.login(text,text)'::regprocedure"))
                        .isEqualTo("true search_path=pg_catalog, pg_temp");
                assertThat(queryString(c, "select has_function_privilege('public', 'api.login(text,text)', 'execute')"))
                        .isEqualTo("f");
                assertThat(queryString(c, "select has_function_privilege('anon', 'api.login(text,text)', 'execute')"))
                        .isEqualTo("t");
            }
        }

        @Test
        void worksWhenPgcryptoLivesOutsideTheSearchPath() throws Exception {
            // hosted databases often install extensions into their own schema; the kit pins its functions to it
            try (Connection admin = connect("postgres", "postgres", "postgres");
                    Statement s = admin.createStatement()) {
                s.execute("create database kit_ext");
            }
            try (Connection c = connect("kit_ext", "postgres", "postgres")) {
                exec(c, "create schema extensions");
                exec(c, "create extension pgcrypto with schema extensions");
                exec(c, "create schema api");
                exec(c, kitSql);
                assertThat(queryString(c, "select current_setting('search_path')"))
                        .doesNotContain("extensions");
                assertThat(queryString(
                                c,
                                "select basic_auth.sign('{\"sub\":\"1234567890\",\"name\":\"John Doe\","
                                        + "\"admin\":true}'::json, 'secret')"))
                        .endsWith(".TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ");
                c.setAutoCommit(false);
                exec(c, "insert into basic_auth.users (email, pass, role) values ('e@example.com', 'e-pass', 'anon')");
                exec(c, "select set_config('role', 'anon', true), set_config('app.settings.jwt_secret', 's', true)");
                String token = queryString(c, "select token from api.login('e@example.com', 'e-pass')");
                assertThat(verifySignature(token, "s", "HS256")).isTrue();
                c.rollback();
            }
        }

        @Test
        void exampleProjectShipsTheKitUnchanged() throws IOException {
            Path copy = migrationsDir().resolve("V3__auth_kit.sql");
            assertThat(Files.readString(copy))
                    .as(copy + " must be a verbatim copy of templates/sql/auth-kit.sql")
                    .isEqualTo(kitSql);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The example project's migrations: the guide's scenarios as the server would run them
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Example {

        @Test
        void migrationsCanRunInASecondDatabaseOfTheSameCluster() {
            // roles are cluster-wide and already exist now: V1 must tolerate that
            migrate("example_again");
        }

        @Test
        void anonReadsTheLibraryAndCallsPublicFunctions() throws Exception {
            request("anon", "{\"role\":\"anon\"}", c -> {
                assertThat(queryString(c, "select count(*) from api.books")).isEqualTo("6");
                assertThat(queryString(c, "select count(*) from api.authors")).isEqualTo("3");
                assertThat(queryString(c, "select count(*) from api.book_readers"))
                        .isEqualTo("5");
                assertThat(queryString(c, "select author_name from api.book_details where id = 3"))
                        .isEqualTo("Terry Pratchett");
                assertThat(queryString(c, "select api.add(2, 3)")).isEqualTo("5");
                assertThat(queryStrings(c, "select title from api.search_books('GUARDS')"))
                        .containsExactly("Guards! Guards!");
                assertThat(queryString(c, "select api.whoami()")).isEqualTo("anon");
            });
        }

        @Test
        void anonCannotWriteOrSeeUserData() throws Exception {
            assertThat(stateOf("anon", "{\"role\":\"anon\"}", "insert into api.authors (name) values ('x')"))
                    .isEqualTo("42501");
            assertThat(stateOf("anon", "{\"role\":\"anon\"}", "select * from api.todos"))
                    .isEqualTo("42501");
            assertThat(stateOf("anon", "{\"role\":\"anon\"}", "select * from api.chat"))
                    .isEqualTo("42501");
            assertThat(stateOf("anon", "{\"role\":\"anon\"}", "select api.me()"))
                    .isEqualTo("42501");
        }

        @Test
        void privateDataIsInvisible() throws Exception {
            for (String[] who : new String[][] {
                {"anon", "{\"role\":\"anon\"}"},
                {"webuser", "{\"role\":\"webuser\",\"email\":\"carol@example.com\"}"},
                {"alice", "{\"role\":\"alice\",\"email\":\"alice@example.com\"}"}
            }) {
                assertThat(stateOf(who[0], who[1], "select * from private.secrets"))
                        .isEqualTo("42501");
                assertThat(stateOf(who[0], who[1], "select * from private.banned"))
                        .isEqualTo("42501");
                assertThat(stateOf(who[0], who[1], "select * from basic_auth.users"))
                        .isEqualTo("42501");
            }
        }

        @Test
        void aliceSeesOnlyHerChatMessages() throws Exception {
            request("alice", "{\"role\":\"alice\",\"email\":\"alice@example.com\"}", c -> {
                assertThat(queryStrings(c, "select message_subject from api.chat order by message_time"))
                        .containsExactly("Hello", "Re: Hello", "Reminder");
                assertThat(queryStrings(
                                c,
                                "select distinct 'x' from api.chat "
                                        + "where message_from <> 'alice' and message_to <> 'alice'"))
                        .isEmpty();
                // sending: message_from defaults to current_user
                exec(
                        c,
                        "insert into api.chat (message_to, message_subject, message_body) values ('bob', 'Lunch?', 'At 1')");
                assertThat(queryString(c, "select message_from from api.chat where message_subject = 'Lunch?'"))
                        .isEqualTo("alice");
            });
            request(
                    "bob",
                    "{\"role\":\"bob\"}",
                    c -> assertThat(queryStrings(c, "select message_subject from api.chat order by message_time"))
                            .containsExactly("Hello", "Re: Hello", "Note"));
            request(
                    "webuser",
                    "{\"role\":\"webuser\",\"email\":\"carol@example.com\"}",
                    c -> assertThat(queryStrings(c, "select message_subject from api.chat"))
                            .isEmpty());
        }

        @Test
        void aliceCannotForgeTheSender() throws Exception {
            SQLException e = sqlError(
                    () -> request(
                            "alice",
                            "{\"role\":\"alice\"}",
                            c -> exec(
                                    c,
                                    "insert into api.chat (message_from, message_to, message_subject) values ('bob', 'alice', 'forged')")));
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(serverMessage(e)).isEqualTo("new row violates row-level security policy for table \"chat\"");
        }

        @Test
        void webuserSeesOnlyTheirTodosAndNotes() throws Exception {
            request("webuser", "{\"role\":\"webuser\",\"email\":\"carol@example.com\"}", c -> {
                assertThat(queryStrings(c, "select task from api.todos order by id"))
                        .containsExactly("Book flights", "Call mum");
                assertThat(queryStrings(c, "select body from api.notes order by id"))
                        .containsExactly("Carol's first note", "Carol's second note");
                // owner defaults to the email claim
                exec(c, "insert into api.todos (task) values ('New task')");
                exec(c, "insert into api.notes (body) values ('New note')");
                assertThat(queryString(c, "select owner_email from api.todos where task = 'New task'"))
                        .isEqualTo("carol@example.com");
                assertThat(queryString(c, "select owner_email from api.notes where body = 'New note'"))
                        .isEqualTo("carol@example.com");
                // other people's rows are neither visible nor updatable
                assertThat(queryString(
                                c,
                                "with u as (update api.todos set done = true where id = 1 returning id) "
                                        + "select count(*) from u"))
                        .isEqualTo("0");
                JsonNode me = JSON.readTree(queryString(c, "select api.me()::text"));
                assertThat(me.get("email").asText()).isEqualTo("carol@example.com");
                assertThat(queryString(c, "select api.whoami()")).isEqualTo("webuser");
            });
            request("alice", "{\"role\":\"alice\",\"email\":\"alice@example.com\"}", c -> {
                // alice inherits webuser's grants and policies
                assertThat(queryStrings(c, "select task from api.todos order by id"))
                        .containsExactly("Water the plants", "File taxes");
                assertThat(queryStrings(c, "select body from api.notes")).containsExactly("Alice's note");
            });
            request("webuser", "{\"role\":\"webuser\"}", c -> {
                // a token without email sees nothing
                assertThat(queryStrings(c, "select task from api.todos")).isEmpty();
                assertThat(queryStrings(c, "select body from api.notes")).isEmpty();
            });
        }

        @Test
        void webuserCannotWriteRowsForSomeoneElse() throws Exception {
            String carol = "{\"role\":\"webuser\",\"email\":\"carol@example.com\"}";
            assertThat(stateOf(
                            "webuser",
                            carol,
                            "insert into api.todos (owner_email, task) values ('alice@example.com', 'x')"))
                    .isEqualTo("42501");
            assertThat(stateOf(
                            "webuser",
                            carol,
                            "insert into api.notes (owner_email, body) values ('alice@example.com', 'x')"))
                    .isEqualTo("42501");
        }

        @Test
        void webuserEditsTheLibraryWithIdentityColumns() throws Exception {
            request("webuser", "{\"role\":\"webuser\",\"email\":\"carol@example.com\"}", c -> {
                String id = queryString(c, "insert into api.authors (name) values ('N. K. Jemisin') returning id");
                assertThat(Integer.parseInt(id)).isGreaterThan(3);
                exec(c, "insert into api.books (title, author_id) values ('The Fifth Season', " + id + ")");
            });
            // unknown author: a foreign key violation (HTTP 409)
            assertThat(stateOf(
                            "webuser",
                            "{\"role\":\"webuser\"}",
                            "insert into api.books (title, author_id) values ('x', 999)"))
                    .isEqualTo("23503");
        }

        @Test
        void claimsReadOnAReusedConnectionDoNotBreakThePolicies() throws Exception {
            // a pooled connection: once a transaction has set the claims, later ones read '' rather than NULL
            try (Connection c = connect("example", "authenticator", "authenticator")) {
                c.setAutoCommit(false);
                exec(
                        c,
                        "select set_config('role', 'webuser', true), "
                                + "set_config('request.jwt.claims', '{\"role\":\"webuser\",\"email\":\"carol@example.com\"}', true), "
                                + "set_config('request.jwt.claim.email', 'carol@example.com', true)");
                assertThat(queryStrings(c, "select id::text from api.todos order by id"))
                        .containsExactly("4", "5");
                c.commit();
                assertThat(queryString(c, "select current_setting('request.jwt.claims', true)"))
                        .isEmpty();
                assertThat(queryString(c, "select current_setting('request.jwt.claim.email', true)"))
                        .isEmpty();
                exec(c, "select set_config('role', 'webuser', true)");
                exec(c, "select hooks.check_user()");
                assertThat(queryStrings(c, "select id::text from api.todos")).isEmpty();
                assertThat(queryStrings(c, "select id::text from api.notes")).isEmpty();
                assertThat(queryString(c, "select api.me()::text")).isNull();
                c.rollback();
            }
        }

        @Test
        void roleSwitchingIsLimitedToGrantedRoles() throws Exception {
            try (Connection c = connect("example", "authenticator", "authenticator")) {
                c.setAutoCommit(false);
                SQLException mallory = sqlError(() -> exec(c, "select set_config('role', 'mallory', true)"));
                assertThat(mallory.getSQLState()).isEqualTo("42501");
                assertThat(serverMessage(mallory)).isEqualTo("permission denied to set role \"mallory\"");
                c.rollback();
                SQLException unknown = sqlError(() -> exec(c, "select set_config('role', 'not existing', true)"));
                assertThat(unknown.getSQLState()).isEqualTo("22023");
                assertThat(serverMessage(unknown)).isEqualTo("role \"not existing\" does not exist");
                c.rollback();
                // authenticator is NOINHERIT: without switching it can read nothing
                assertThat(sqlError(() -> queryString(c, "select count(*) from api.books"))
                                .getSQLState())
                        .isEqualTo("42501");
                c.rollback();
            }
        }

        @Test
        void loginReturnsASignedToken() throws Exception {
            long now = System.currentTimeMillis() / 1000;
            for (String[] u : new String[][] {
                {"alice@example.com", "alice-password", "alice"},
                {"bob@example.com", "bob-password", "bob"},
                {"carol@example.com", "carol-password", "webuser"}
            }) {
                request("anon", "{\"role\":\"anon\"}", c -> {
                    String json = queryString(c, "select to_json(api.login(?, ?))::text", u[0], u[1]);
                    JsonNode body = JSON.readTree(json);
                    assertThat(body.size()).isEqualTo(1);
                    String token = body.get("token").asText();
                    assertThat(verifySignature(token, EXAMPLE_SECRET, "HS256")).isTrue();
                    assertThat(decode(token.split("\\.")[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
                    JsonNode claims = JSON.readTree(decode(token.split("\\.")[1]));
                    assertThat(claims.get("role").asText()).isEqualTo(u[2]);
                    assertThat(claims.get("email").asText()).isEqualTo(u[0]);
                    assertThat(claims.get("exp").isIntegralNumber()).isTrue();
                    assertThat(claims.get("exp").asLong()).isBetween(now + 3600 - 60, now + 3600 + 60);
                    // the same row shape a client sees: select * from api.login(...)
                    assertThat(queryString(c, "select token from api.login(?, ?)", u[0], u[1]))
                            .startsWith("eyJ");
                });
            }
        }

        @Test
        void loginRejectsWrongCredentials() throws Exception {
            for (String[] u : new String[][] {
                {"alice@example.com", "bob-password"},
                {"nobody@example.com", "alice-password"}
            }) {
                SQLException e = sqlError(() -> request(
                        "anon", "{\"role\":\"anon\"}", c -> queryString(c, "select api.login(?, ?)", u[0], u[1])));
                assertThat(e.getSQLState()).isEqualTo("28P01");
                assertThat(serverMessage(e)).isEqualTo("invalid user or password");
            }
            // only anon may call login
            assertThat(stateOf(
                            "webuser",
                            "{\"role\":\"webuser\"}",
                            "select api.login('alice@example.com', 'alice-password')"))
                    .isEqualTo("42501");
        }

        @Test
        void seededPasswordsAreHashed() throws Exception {
            try (Connection c = connect("example", "postgres", "postgres")) {
                assertThat(queryStrings(c, "select left(pass, 4) from basic_auth.users order by email"))
                        .containsExactly("$2a$", "$2a$", "$2a$", "$2a$");
                assertThat(queryStrings(c, "select email from basic_auth.users order by email"))
                        .containsExactly(
                                "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com");
            }
        }

        @Test
        void preRequestBlocksTheBannedUser() throws Exception {
            SQLException e = sqlError(() -> request(
                    "webuser",
                    "{\"role\":\"webuser\",\"email\":\"dave@example.com\"}",
                    c -> queryString(c, "select 1")));
            assertThat(e.getSQLState()).isEqualTo("P0001");
            assertThat(serverMessage(e)).isEqualTo("user dave@example.com is banned");
            assertThat(((PSQLException) e).getServerErrorMessage().getHint()).isEqualTo("Contact support");
            // dave can still log in (as anon, no email claim yet) but cannot use the token
            request(
                    "anon",
                    "{\"role\":\"anon\"}",
                    c -> assertThat(queryString(c, "select token from api.login('dave@example.com', 'dave-password')"))
                            .isNotNull());
        }

        @Test
        void apiRolesHaveExactlyTheDocumentedFunctionGrants() throws Exception {
            try (Connection c = connect("example", "postgres", "postgres")) {
                Map<String, String> expected = new LinkedHashMap<>();
                expected.put("api.add(integer,integer)", "anon,webuser");
                expected.put("api.login(text,text)", "anon");
                expected.put("api.me()", "webuser");
                expected.put("api.search_books(text)", "anon,webuser");
                expected.put("api.whoami()", "anon,webuser");
                expected.put("hooks.check_user()", "anon,webuser");
                for (Map.Entry<String, String> e : expected.entrySet()) {
                    String sql = "select string_agg(r, ',' order by r) from unnest(array['public','anon','webuser',"
                            + "'mallory']) r where has_function_privilege(r, ?::regprocedure, 'execute')";
                    assertThat(queryString(c, sql, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    interface SqlWork {
        void run(Connection c) throws Exception;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database, user, password);
    }

    /**
     * Runs {@code work} like one request of the server: as authenticator, in a transaction that sets the role and the
     * claims (the JSON and one {@code request.jwt.claim.<name>} per string claim), the app settings, then calls the
     * pre-request hook. Always rolled back.
     */
    void request(String role, String claimsJson, SqlWork work) throws Exception {
        try (Connection c = connect("example", "authenticator", "authenticator")) {
            c.setAutoCommit(false);
            try {
                List<String> settings = new ArrayList<>(List.of(
                        "role", role,
                        "request.jwt.claims", claimsJson,
                        "app.settings.jwt_secret", EXAMPLE_SECRET));
                JSON.readTree(claimsJson).properties().forEach(p -> {
                    if (p.getValue().isTextual()) {
                        settings.add("request.jwt.claim." + p.getKey());
                        settings.add(p.getValue().asText());
                    }
                });
                StringBuilder sql = new StringBuilder("select 1");
                for (int i = 0; i < settings.size(); i += 2) {
                    sql.append(", set_config(?, ?, true)");
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < settings.size(); i++) {
                        ps.setString(i + 1, settings.get(i));
                    }
                    ps.execute();
                }
                exec(c, "select hooks.check_user()");
                work.run(c);
            } finally {
                c.rollback();
            }
        }
    }

    /** The SQLSTATE of the error {@code sql} raises in a request as {@code role}. */
    String stateOf(String role, String claimsJson, String sql) {
        return sqlError(() -> request(role, claimsJson, c -> exec(c, sql))).getSQLState();
    }

    static SQLException sqlError(ThrowingRunnable r) {
        try {
            r.run();
        } catch (SQLException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an SQLException", e);
        }
        return fail("expected an SQLException");
    }

    static String serverMessage(SQLException e) {
        return ((PSQLException) e).getServerErrorMessage().getMessage();
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String queryString(Connection c, String sql, String... params) throws SQLException {
        List<String> rows = queryStrings(c, sql, params);
        assertThat(rows).as(sql).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static List<String> queryStrings(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    void migrate(String database) {
        Flyway.configure()
                .dataSource(pg.getJdbcUrl("postgres", database), "postgres", "postgres")
                .locations("filesystem:" + migrationsDir().toAbsolutePath())
                .load()
                .migrate();
    }

    /** The example project's migrations, found from the module directory (or any directory below the root). */
    static Path migrationsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(MIGRATIONS);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "cannot find " + MIGRATIONS + " above " + Path.of("").toAbsolutePath());
    }

    // JWT in Java, independent of the SQL implementation

    static String javaSign(String header, String payload, String secret, String alg) throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + b64.encodeToString(hmac(signingInput, secret, alg));
    }

    static boolean verifySignature(String token, String secret, String alg) throws GeneralSecurityException {
        int dot = token.lastIndexOf('.');
        byte[] expected = hmac(token.substring(0, dot), secret, alg);
        byte[] actual = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] hmac(String data, String secret, String alg) throws GeneralSecurityException {
        String javaAlg = switch (alg) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException(alg);
        };
        Mac mac = Mac.getInstance(javaAlg);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaAlg));
        return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    }

    static String decode(String base64url) {
        assertThat(base64url).doesNotContain("=");
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }
}
