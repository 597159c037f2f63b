package dev.pgapi.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

class PgErrorsTest {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    /** The error a statement raises, mapped. */
    private static ApiError run(String sql, boolean authenticated) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            SQLException e = catchThrowableOfType(
                    SQLException.class, () -> c.createStatement().execute(sql));
            assertThat((Object) e).as(sql).isNotNull();
            return PgErrors.fromSql(e, authenticated);
        }
    }

    private static String raise(String using) {
        return "DO $$ BEGIN RAISE SQLSTATE 'PGRST' USING " + using + "; END $$";
    }

    private static ApiError server(String sqlState, String message, boolean authenticated) {
        var msg = new ServerErrorMessage("SERROR\0C" + sqlState + "\0M" + message + "\0");
        return PgErrors.fromSql(new PSQLException(msg), authenticated);
    }

    @Test
    void plainRaise() throws SQLException {
        var e = run(
                "DO $$ BEGIN RAISE EXCEPTION 'Disabled ID --> 3' USING HINT = 'Please contact administrator'; END $$",
                true);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"code\":\"P0001\",\"details\":null,\"hint\":\"Please contact administrator\",\"message\":\"Disabled ID --> 3\"}");
        assertThat(e.headers()).isEmpty();
        assertThat(e.reason()).isNull();
    }

    @Test
    void customStatus() throws SQLException {
        var e = run(
                "DO $$ BEGIN RAISE SQLSTATE 'PT402' USING MESSAGE = 'Payment Required', DETAIL = 'Quota exceeded',"
                        + " HINT = 'Upgrade your plan'; END $$",
                true);
        assertThat(e.status()).isEqualTo(402);
        assertThat(e.reason()).isEqualTo("Payment Required");
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"code\":\"PT402\",\"details\":\"Quota exceeded\",\"hint\":\"Upgrade your plan\",\"message\":\"Payment Required\"}")
                .hasSize(99);
        var nonNumeric = run("DO $$ BEGIN RAISE SQLSTATE 'PT40A'; END $$", true);
        assertThat(nonNumeric.status()).isEqualTo(500);
        assertThat(nonNumeric.code()).isEqualTo("PT40A");
        assertThat(nonNumeric.reason()).isNull();
        var unauthorized = run("DO $$ BEGIN RAISE SQLSTATE 'PT401' USING MESSAGE = 'Log in'; END $$", true);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
    }

    @Test
    void fullControl() throws SQLException {
        var e = run(
                raise(
                        "MESSAGE = '{\"code\":\"123\",\"message\":\"ABC\",\"details\":\"DEF\",\"hint\":\"XYZ\"}', "
                                + "DETAIL = '{\"status\":332,\"status_text\":\"My Custom Status\",\"headers\":{\"X-Header\":\"str\",\"A\":\"b\"}}'"),
                false);
        assertThat(e.status()).isEqualTo(332);
        assertThat(e.reason()).isEqualTo("My Custom Status");
        assertThat(e.toJson()).isEqualTo("{\"code\":\"123\",\"details\":\"DEF\",\"hint\":\"XYZ\",\"message\":\"ABC\"}");
        assertThat(e.headers()).containsExactly(Map.entry("A", "b"), Map.entry("X-Header", "str"));

        var minimal = run(
                raise("MESSAGE = '{\"code\":\"X1\",\"message\":\"m\"}', DETAIL = '{\"status\":401,\"headers\":{}}'"),
                false);
        assertThat(minimal.status()).isEqualTo(401);
        assertThat(minimal.reason()).isNull();
        assertThat(minimal.toJson()).isEqualTo("{\"code\":\"X1\",\"details\":null,\"hint\":null,\"message\":\"m\"}");
        assertThat(minimal.headers()).isEmpty(); // the raise decides every header
    }

    @Test
    void fullControlParseErrors() throws SQLException {
        String detailHint =
                "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
        var badMessage = run(raise("MESSAGE = 'not json', DETAIL = '{\"status\":400,\"headers\":{}}'"), true);
        assertThat(badMessage.status()).isEqualTo(500);
        assertThat(badMessage.toJson())
                .isEqualTo("{\"code\":\"PGRST121\",\"details\":\"Invalid JSON value for MESSAGE: 'not json'\","
                        + "\"hint\":\"MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.\","
                        + "\"message\":\"Could not parse JSON in the \\\"RAISE SQLSTATE 'PGRST'\\\" error\"}");
        var noDetail = run(raise("MESSAGE = '{\"code\":\"1\",\"message\":\"m\"}'"), true);
        assertThat(noDetail.code()).isEqualTo("PGRST121");
        assertThat(noDetail.detailsJson()).isEqualTo("\"DETAIL is missing in the RAISE statement\"");
        assertThat(noDetail.hint()).isEqualTo(detailHint);
        for (String detail : new String[] {
            "{\"status\":\"400\",\"headers\":{}}", "{\"status\":400}", "{\"status\":400,\"headers\":{\"a\":1}}", "[]"
        }) {
            var bad = run(raise("MESSAGE = '{\"code\":\"1\",\"message\":\"m\"}', DETAIL = '" + detail + "'"), true);
            assertThat(bad.status()).as(detail).isEqualTo(500);
            assertThat(bad.detailsJson()).isEqualTo(Json.quote("Invalid JSON value for DETAIL: '" + detail + "'"));
            assertThat(bad.hint()).isEqualTo(detailHint);
        }
    }

    @Test
    void unknownRole() throws SQLException {
        var e = run("SELECT set_config('role', 'not existing', true)", true);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"code\":\"22023\",\"details\":null,\"hint\":null,\"message\":\"role \\\"not existing\\\" does not exist\"}");
        assertThat(e.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
        assertThat(run("SELECT set_config('search_path', 'x', true)::int", true).status())
                .isEqualTo(400);
    }

    @Test
    void insufficientPrivilege() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS private_table(); DROP ROLE IF EXISTS anon; CREATE ROLE anon");
        }
        String sql = "BEGIN; SET LOCAL ROLE anon; SELECT * FROM private_table";
        var anonymous = run(sql, false);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.toJson())
                .isEqualTo(
                        "{\"code\":\"42501\",\"details\":null,\"hint\":null,\"message\":\"permission denied for table private_table\"}");
        assertThat(anonymous.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
        var authenticated = run(sql, true);
        assertThat(authenticated.status()).isEqualTo(403);
        assertThat(authenticated.headers()).isEmpty();
    }

    @Test
    void realStatuses() throws SQLException {
        assertThat(run("SELECT * FROM nope", true).status()).isEqualTo(404);
        assertThat(run("SELECT nope()", true).status()).isEqualTo(404);
        assertThat(run("SELECT 'x'::int", true).status()).isEqualTo(400);
        assertThat(run("BEGIN READ ONLY; CREATE TABLE t(); COMMIT", true).status())
                .isEqualTo(405);
        assertThat(run("CREATE TEMP TABLE u(id int primary key); INSERT INTO u VALUES (1), (1)", true)
                        .status())
                .isEqualTo(409);
        assertThat(run("SELECT (SELECT g FROM generate_series(1, 2) g)", true).status())
                .isEqualTo(500);
    }

    @Test
    void mappingTable() {
        Object[][] rows = {
            {"08006", 503}, {"09000", 500}, {"0L000", 403}, {"0P000", 403}, {"23503", 409}, {"23505", 409},
            {"25006", 405}, {"25001", 500}, {"28P01", 403}, {"2D000", 500}, {"38000", 500}, {"39000", 500},
            {"3B000", 500}, {"40001", 500}, {"40P01", 500}, {"53400", 500}, {"53200", 503}, {"54001", 500},
            {"55000", 500}, {"57P01", 503}, {"57014", 500}, {"58030", 500}, {"F0000", 500}, {"HV000", 500},
            {"P0001", 400}, {"P0002", 500}, {"XX000", 500}, {"42883", 404}, {"42P01", 404}, {"42P17", 500},
            {"22P02", 400}, {"23502", 400}, {"23514", 400}, {"42703", 400}, {"42704", 400}, {"PT418", 418},
            {"PT099", 500}
        };
        for (Object[] row : rows) {
            assertThat(server((String) row[0], "m", true).status())
                    .as((String) row[0])
                    .isEqualTo(row[1]);
        }
        assertThat(server("21000", "UPDATE requires a WHERE clause", true).status())
                .isEqualTo(400);
        assertThat(server("21000", "more than one row returned by a subquery used as an expression", true)
                        .status())
                .isEqualTo(500);
        assertThat(server("22023", "invalid value for parameter", true).status())
                .isEqualTo(400);
        assertThat(server("42883", "function xmlagg(integer) does not exist", true)
                        .status())
                .isEqualTo(406);
    }

    @Test
    void connectionProblems() {
        var refused = new PSQLException(
                "Connection to localhost:1 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("refused"));
        var down = PgErrors.fromSql(refused, true);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.toJson())
                .isEqualTo("{\"code\":\"PGRST000\",\"details\":\"Connection to localhost:1 refused.\","
                        + "\"hint\":null,\"message\":\"Database connection error. Retrying the connection.\"}");

        var timeout = PgErrors.fromSql(new SQLTransientConnectionException("pool - Connection is not available"), true);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.toJson())
                .isEqualTo("{\"code\":\"PGRST003\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"Timed out acquiring connection from connection pool.\"}");

        var poolWhileDown = PgErrors.fromSql(new SQLTransientConnectionException("pool", "08001", refused), true);
        assertThat(poolWhileDown.code()).isEqualTo("PGRST000");

        var lost = PgErrors.fromSql(
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE),
                true);
        assertThat(lost.code()).as("connected, then lost").isEqualTo("PGRST001");
        assertThat(lost.status()).isEqualTo(503);

        var client =
                PgErrors.fromSql(new PSQLException("This connection has been closed.", PSQLState.UNKNOWN_STATE), true);
        assertThat(client.status()).isEqualTo(503);
        assertThat(client.code()).isEqualTo("PGRST001");
        assertThat(client.getMessage()).isEqualTo("Database client error. Retrying the connection.");
    }
}
