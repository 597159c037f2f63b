package dev.pgapi.example;

import static dev.pgapi.example.ApiClient.header;
import static dev.pgapi.example.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgapi.runtime.PgapiServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hand-written endpoints ({@link MyTodos}, and the tests' {@link SessionProbeRoutes}) run in the transaction a
 * generated endpoint would open: as the caller's role with their claims, under the same GRANTs, row-level security,
 * pre-request hook and error answers, and leave their pooled connection clean.
 */
class ExtendingIT {

    private static DevServer server;
    private static ApiClient anon;
    private static ApiClient alice;
    private static ApiClient bob;
    private static ApiClient carol;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        anon = new ApiClient(server.port(), null);
        alice = anon.as("alice@example.com", "alice-password");
        bob = anon.as("bob@example.com", "bob-password");
        carol = anon.as("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSignedInUserSeesOnlyTheirOwnRowsAsTheirOwnRole() throws Exception {
        var res = alice.get("/my/todos");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "Content-Type")).startsWith("application/json");
        JsonNode body = json(res);
        assertThat(body.get("role").asText()).isEqualTo("alice");
        assertThat(body.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(ids(body)).containsExactly(1, 2);

        JsonNode carols = json(carol.get("/my/todos"));
        assertThat(carols.get("role").asText()).isEqualTo("webuser");
        assertThat(ids(carols)).containsExactly(4, 5);
    }

    @Test
    void anonymousIsRefusedByTheGrantsWith401() throws Exception {
        var res = anon.get("/my/todos");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res).get("code").asText()).isEqualTo("42501");
    }

    @Test
    void aForgedTokenIsRefusedBeforeTheDatabase() throws Exception {
        var forged = new ApiClient(server.port(), "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoicG9zdGdyZXMifQ.forged");
        var res = forged.get("/my/todos");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST301");
        assertThat(header(res, "WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void thePreRequestHookRunsAsForAGeneratedEndpoint() throws Exception {
        var dave = anon.as("dave@example.com", "dave-password");
        var custom = dave.get("/my/todos");
        var generated = dave.get("/todos");
        assertThat(custom.statusCode()).isEqualTo(generated.statusCode()).isEqualTo(400);
        assertThat(custom.body()).isEqualTo(generated.body()).contains("is banned");
    }

    @Test
    void severalStatementsCommitTogether() throws Exception {
        var res = bob.send("POST", "/my/todos", "{\"tasks\":[\"Oil the chain\",\"Pump the tyres\"]}");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(json(res)).hasSize(2);
        assertThat(bob.get("/todos?select=task&task=in.(Oil%20the%20chain,Pump%20the%20tyres)")
                        .body())
                .isEqualTo("[{\"task\":\"Oil the chain\"}, \n {\"task\":\"Pump the tyres\"}]");
    }

    @Test
    void aFailingStatementRollsBackTheEarlierOnes() throws Exception {
        var res = bob.send("POST", "/my/todos", "{\"tasks\":[\"Never saved\",null]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("23502");
        assertThat(bob.get("/todos?select=task&task=eq.Never%20saved").body()).isEqualTo("[]");
    }

    @Test
    void anUnreadableBodyIsPostgrestsError() throws Exception {
        var res = bob.send("POST", "/my/todos", "{not json");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRST102");
    }

    @Test
    void typedFunctionsRunAsTheCallersRoleWithTheirClaims() throws Exception {
        JsonNode alices = json(alice.get("/my/identity"));
        assertThat(alices.get("role").asText()).isEqualTo("alice");
        assertThat(alices.get("claims").get("email").asText()).isEqualTo("alice@example.com");

        JsonNode carols = json(carol.get("/my/identity"));
        assertThat(carols.get("role").asText()).isEqualTo("webuser");
        assertThat(carols.get("claims").get("email").asText()).isEqualTo("carol@example.com");
    }

    @Test
    void aFunctionAnonymousMayNotExecuteIsRefusedAsTheGeneratedRpcRefusesIt() throws Exception {
        var custom = anon.get("/my/identity");
        var generated = anon.get("/rpc/me");
        assertThat(custom.statusCode()).isEqualTo(generated.statusCode()).isEqualTo(401);
        assertThat(json(custom).get("code").asText()).isEqualTo("42501");
        assertThat(custom.body()).isEqualTo(generated.body()).contains("permission denied for function me");
    }

    @Test
    void overloadedFunctionsAreCalledThroughTheirNumberedRoutines() throws Exception {
        var res = carol.get("/test/overloads");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[\"integer 7\",\"TEXT X\",\"integer\",\"text\"]");
    }

    @Test
    void handWrittenRepliesCarryTheHeadersOfGeneratedResponses() throws Exception {
        try (PgapiServer timed =
                server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_SERVER_TIMING_ENABLED", "true"))) {
            var aliceThere = new ApiClient(timed.port(), null).as("alice@example.com", "alice-password");
            var custom = aliceThere.get("/my/todos", "Accept-Profile", "api");
            var generated = aliceThere.get("/todos", "Accept-Profile", "api");
            for (String name : List.of("Vary", "Content-Profile")) {
                assertThat(header(custom, name)).as(name).isNotNull().isEqualTo(header(generated, name));
            }
            String stages = "jwt;dur=\\d+\\.\\d, parse;dur=\\d+\\.\\d, plan;dur=\\d+\\.\\d, "
                    + "transaction;dur=\\d+\\.\\d, response;dur=\\d+\\.\\d";
            assertThat(header(custom, "Server-Timing")).matches(stages);
            assertThat(header(generated, "Server-Timing")).matches(stages);
            // errors too, as for a generated endpoint
            var refused = new ApiClient(timed.port(), null).get("/my/todos");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(header(refused, "Server-Timing")).matches(stages);
        }
        // without the setting, neither sends it
        assertThat(header(alice.get("/my/todos"), "Server-Timing")).isNull();
    }

    @Test
    void aJooqSingleRowReadAnswersAsTheGeneratedFilterDoes() throws Exception {
        for (String id : List.of("1", "999999")) {
            var custom = anon.get("/lookup/books/" + id);
            assertThat(custom.statusCode()).isEqualTo(200);
            assertThat(custom.body()).isEqualTo(anon.get("/books?id=eq." + id).body());
        }
        var bad = anon.get("/lookup/books/x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("code").asText()).isEqualTo("22P02");
    }

    @Test
    void aJooqSelectIsNegotiatedAsAGeneratedReadIs() throws Exception {
        var object = anon.get("/lookup/books/1", "Accept", "application/vnd.pgrst.object+json");
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.body())
                .isEqualTo(anon.get("/books?id=eq.1", "Accept", "application/vnd.pgrst.object+json")
                        .body());
        assertThat(header(object, "Content-Type")).isEqualTo("application/vnd.pgrst.object+json; charset=utf-8");

        var csv = anon.get("/lookup/books/1", "Accept", "text/csv");
        assertThat(csv.body())
                .isEqualTo(anon.get("/books?id=eq.1", "Accept", "text/csv").body());

        var none = anon.get("/lookup/books/999999", "Accept", "application/vnd.pgrst.object+json");
        assertThat(none.statusCode()).isEqualTo(406);
        assertThat(json(none).get("code").asText()).isEqualTo("PGRST116");
        assertThat(anon.get("/lookup/books/1", "Accept", "image/png").statusCode())
                .isEqualTo(406);
    }

    @Test
    void aJooqSelectRunsAfterTheTokenCheckAndThePreRequestFunction() throws Exception {
        var forged = new ApiClient(server.port(), "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWxpY2UifQ.forged")
                .get("/lookup/books/1");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json(forged).get("code").asText()).isEqualTo("PGRST301");

        var dave = anon.as("dave@example.com", "dave-password");
        var custom = dave.get("/lookup/books/1");
        assertThat(custom.statusCode()).isEqualTo(400);
        assertThat(custom.body()).isEqualTo(dave.get("/books?id=eq.1").body()).contains("is banned");
    }

    @Test
    void aConstraintFailingAtCommitIsAnErrorNotA204() throws Exception {
        var res = carol.send("POST", "/test/double-seat", "{}");
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(json(res).get("code").asText()).isEqualTo("23505");
        assertThat(carol.get("/seats?id=in.(9901,9902)").body()).isEqualTo("[]");
        // the connection is back in service
        assertThat(carol.get("/my/todos").statusCode()).isEqualTo(200);
    }

    @Test
    void getRunsReadOnly() throws Exception {
        var res = carol.get("/test/write");
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(json(res).get("code").asText()).isEqualTo("25006");
    }

    @Test
    void responseStatusAndHeadersSetBySqlApply() throws Exception {
        var res = carol.send("POST", "/test/response-gucs", "{}");
        assertThat(res.statusCode()).isEqualTo(202);
        assertThat(header(res, "X-Probe")).isEqualTo("set by SQL");
    }

    @Test
    void handlersCannotEndTheTransactionThemselves() throws Exception {
        var res = carol.send("POST", "/test/commit", "{}");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRSTX00");
        assertThat(res.body()).doesNotContain("Exception");
    }

    @Test
    void anExceptionIsA500WithoutStackTrace() throws Exception {
        var res = alice.send("POST", "/test/dirty-session?fail", "{}");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(json(res).get("code").asText()).isEqualTo("PGRSTX00");
        assertThat(res.body()).doesNotContain("on purpose");
    }

    @Test
    void txEndAndPreferTxAreHonoured() throws Exception {
        try (PgapiServer rollback =
                server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_TX_END", "rollback-allow-override"))) {
            var bobThere = new ApiClient(rollback.port(), null).as("bob@example.com", "bob-password");
            var res = bobThere.send("POST", "/my/todos", "{\"tasks\":[\"Rolled back\"]}");
            assertThat(res.statusCode()).isEqualTo(201);
            assertThat(bob.get("/todos?select=task&task=eq.Rolled%20back").body())
                    .isEqualTo("[]");

            var committed = bobThere.send("POST", "/my/todos", "{\"tasks\":[\"Committed\"]}", "Prefer", "tx=commit");
            assertThat(committed.statusCode()).isEqualTo(201);
            assertThat(header(committed, "Preference-Applied")).isEqualTo("tx=commit");
            assertThat(bob.get("/todos?select=task&task=eq.Committed").body()).isEqualTo("[{\"task\":\"Committed\"}]");
        }
    }

    @Test
    void sessionStateAHandlerLeavesBehindIsResetBeforeTheConnectionIsReused() throws Exception {
        try (PgapiServer onePool = server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_POOL", "1"))) {
            var aliceThere = new ApiClient(onePool.port(), null).as("alice@example.com", "alice-password");
            for (String path : List.of("/test/dirty-session", "/test/dirty-session?fail")) {
                aliceThere.send("POST", path, "{}");
                // the pool's only connection: the one the handler just used
                try (Connection c = onePool.runtime()
                                .database()
                                .authenticatorDataSourceBypassingRls()
                                .getConnection();
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT current_user, current_setting('statement_timeout'), "
                                + "coalesce(current_setting('app.leak', true), ''), "
                                + "(SELECT count(*) FROM pg_cursors WHERE name = 'leak'), "
                                + "(SELECT count(*) FROM pg_listening_channels()), "
                                + "(SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                + "AND pid = pg_backend_pid()), to_regclass('pg_temp.leak') IS NULL")) {
                    rs.next();
                    assertThat(rs.getString(1)).as(path).isEqualTo("authenticator");
                    assertThat(rs.getString(2)).as(path).isEqualTo("0");
                    assertThat(rs.getString(3)).as(path).isEmpty();
                    assertThat(rs.getInt(4)).as(path).isZero();
                    assertThat(rs.getInt(5)).as(path).isZero();
                    assertThat(rs.getInt(6)).as(path).isZero();
                    assertThat(rs.getBoolean(7)).as(path).isTrue();
                }
            }
        }
    }

    /** A GET runs READ ONLY, whose reset leaves out temporary tables and sequences: PostgreSQL refuses them there. */
    @Test
    void sessionStateAReadOnlyHandlerLeavesBehindIsResetToo() throws Exception {
        try (PgapiServer onePool = server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_POOL", "1"))) {
            var aliceThere = new ApiClient(onePool.port(), null).as("alice@example.com", "alice-password");
            assertThat(aliceThere.get("/test/dirty-session").body()).isEqualTo("{\"temp table\":\"25006\"}");
            try (Connection c = onePool.runtime()
                            .database()
                            .authenticatorDataSourceBypassingRls()
                            .getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT current_user, current_setting('statement_timeout'), "
                                    + "coalesce(current_setting('app.leak', true), ''), "
                                    + "(SELECT count(*) FROM pg_cursors WHERE name = 'leak'), "
                                    + "(SELECT count(*) FROM pg_listening_channels()), "
                                    + "(SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("authenticator");
                assertThat(rs.getString(2)).isEqualTo("0");
                assertThat(rs.getString(3)).isEmpty();
                assertThat(rs.getInt(4)).isZero();
                assertThat(rs.getInt(5)).isZero();
                assertThat(rs.getInt(6)).isZero();
            }
        }
    }

    @Test
    void concurrentUsersOnASmallPoolNeverSeeEachOthersRoleOrClaims() throws Exception {
        try (PgapiServer small = server.serveAnother(Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_POOL", "2"))) {
            var users = new ArrayList<Callable<Void>>();
            for (String[] user : new String[][] {
                {"alice@example.com", "alice-password", "alice"},
                {"bob@example.com", "bob-password", "bob"},
                {"carol@example.com", "carol-password", "webuser"}
            }) {
                var client = new ApiClient(small.port(), null).as(user[0], user[1]);
                users.add(() -> {
                    for (int i = 0; i < 15; i++) {
                        assertThat(client.send("POST", "/test/dirty-session", "{}")
                                        .statusCode())
                                .isEqualTo(204);
                        JsonNode session = json(client.get("/test/session"));
                        assertThat(session.get("role").asText()).isEqualTo(user[2]);
                        assertThat(session.get("email").asText()).isEqualTo(user[0]);
                        assertThat(session.get("statement_timeout").asText()).isEqualTo("0");
                        assertThat(session.get("leak").asText()).isEmpty();
                        assertThat(session.get("identity").asText()).isEqualTo(user[2] + " " + user[0]);
                        JsonNode mine = json(client.get("/my/todos"));
                        assertThat(mine.get("role").asText()).isEqualTo(user[2]);
                        assertThat(mine.get("email").asText()).isEqualTo(user[0]);
                        JsonNode generated = json(client.get("/todos?select=owner_email"));
                        generated.forEach(row ->
                                assertThat(row.get("owner_email").asText()).isEqualTo(user[0]));
                        assertThat(client.send("POST", "/rpc/whoami", "{}").body())
                                .isEqualTo("\"" + user[2] + "\"");
                    }
                    return null;
                });
            }
            var pool = Executors.newFixedThreadPool(users.size());
            try {
                for (Future<Void> done : pool.invokeAll(users)) {
                    done.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<Integer> ids(JsonNode body) {
        var ids = new ArrayList<Integer>();
        body.get("todos").forEach(t -> ids.add(t.get("id").asInt()));
        return ids;
    }
}
