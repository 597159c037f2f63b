package dev.pgapi.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgapi.runtime.query.Sql;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Role settings read from the catalog and applied in the request round trip, against a real PostgreSQL. */
class RoleSettingsTest {

    private static EmbeddedPostgres pg;
    private static Database db;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("""
                    create role authenticator login noinherit password 'pw';
                    create role hasty nologin;
                    create role careful nologin;
                    create role plain nologin;
                    create role stranger nologin;
                    grant hasty, careful, plain to authenticator;
                    alter role hasty set statement_timeout = '150ms';
                    alter role hasty in database postgres set lock_timeout = '3s';
                    alter role hasty set lock_timeout = '9s';
                    alter role hasty set log_min_duration_statement = '1s';
                    alter role hasty set log_lock_waits = 'on';
                    grant set on parameter log_lock_waits to authenticator;
                    alter role careful set default_transaction_isolation = 'serializable';
                    alter role stranger set statement_timeout = '1ms';
                    """);
        }
        db = Database.open(
                pg.getJdbcUrl("authenticator", "postgres"),
                "authenticator",
                "pw",
                2,
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                true);
    }

    @AfterAll
    static void stop() throws IOException {
        db.close();
        pg.close();
    }

    @Test
    void readsSettingsTheAuthenticatorMaySetForRolesItCanBecome() throws SQLException {
        // superuser-only settings: log_min_duration_statement is not granted, log_lock_waits is
        assertThat(db.roleSettings("hasty").settings())
                .containsExactly(
                        Map.entry("lock_timeout", "3s"),
                        Map.entry("log_lock_waits", "on"),
                        Map.entry("statement_timeout", "150ms"));
        assertThat(db.roleSettings("hasty").isolationLevel()).isNull();
        assertThat(db.roleSettings("careful")).isEqualTo(new RoleSettings.Entry(Map.of(), "SERIALIZABLE"));
        assertThat(db.roleSettings("plain")).isEqualTo(new RoleSettings.Entry(Map.of(), null));
        assertThat(db.roleSettings("stranger").settings())
                .as("not granted to the authenticator")
                .isEmpty();
    }

    private static String run(String role, String mainExpression) throws SQLException {
        RoleSettings.Entry entry = db.roleSettings(role);
        var settings = new RequestSettings(
                "\"public\"",
                entry.settings(),
                entry.isolationLevel(),
                role,
                "{\"role\":\"" + role + "\"}",
                new TreeMap<>(Map.of("role", role)),
                "GET",
                "/x",
                "{}",
                "{}",
                Map.of(),
                false);
        var main = new Sql()
                .append("SELECT 0 AS page_total, (" + mainExpression
                        + ")::text AS body, NULL AS response_headers, NULL AS response_status");
        return db.execute(settings, null, main).body();
    }

    @Test
    void roleSettingsApplyToTheRequestOnly() throws SQLException {
        assertThat(run(
                        "hasty",
                        "current_setting('statement_timeout') || ' ' || current_setting('lock_timeout') || ' '"
                                + " || current_setting('log_lock_waits')"))
                .isEqualTo("150ms 3s on");
        assertThat(run("plain", "current_setting('statement_timeout') || ' ' || current_user"))
                .isEqualTo("0 plain");
    }

    @Test
    void statementTimeoutOfTheRoleCancelsASlowQuery() {
        var e = catchThrowableOfType(SQLException.class, () -> run("hasty", "pg_sleep(2)"));
        assertThat(e.getSQLState()).isEqualTo("57014");
    }

    @Test
    void isolationLevelOfTheRoleIsTheTransactionsIsolationLevel() throws SQLException {
        assertThat(run("careful", "current_setting('transaction_isolation')")).isEqualTo("serializable");
        assertThat(run("plain", "current_setting('transaction_isolation')")).isEqualTo("read committed");
    }
}
