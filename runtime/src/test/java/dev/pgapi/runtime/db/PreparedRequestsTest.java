package dev.pgapi.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgapi.runtime.query.Sql;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request round trip over one pooled connection, with and without server-side prepared statements: every
 * repetition still switches role inside its own transaction, row-level security still sees the request's claims, and
 * with {@code db-prepared-statements} PostgreSQL parses each statement once per connection.
 */
class PreparedRequestsTest {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            // the authenticator itself may not even look into the schema: a main statement parsed before the role
            // switch (or after a Sync that ended the transaction) fails with "permission denied for schema"
            c.createStatement().execute("""
                    create role authenticator login noinherit password 'pw';
                    create role member nologin;
                    create role outsider nologin;
                    grant member, outsider to authenticator;
                    create schema api;
                    create table api.notes(id int primary key, owner text not null, body text not null);
                    insert into api.notes select i, 'user' || (i % 3), 'note ' || i from generate_series(1, 30) i;
                    alter table api.notes enable row level security;
                    create policy own on api.notes
                      using (owner = current_setting('request.jwt.claims', true)::json->>'sub');
                    grant usage on schema api to member, outsider;
                    grant select on api.notes to member;
                    """);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    private static Database open(boolean prepared) {
        return Database.open(
                pg.getJdbcUrl("authenticator", "postgres"),
                "authenticator",
                "pw",
                1,
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                prepared);
    }

    private static QueryResult request(Database db, String role, String sub, int minId) throws SQLException {
        String claims = "{\"role\":\"" + role + "\",\"sub\":\"" + sub + "\"}";
        var settings = new RequestSettings(
                "\"api\"",
                Map.of(),
                null,
                role,
                claims,
                new TreeMap<>(Map.of("role", role, "sub", sub)),
                "GET",
                "/notes",
                "{}",
                "{}",
                Map.of(),
                false);
        var main = new Sql()
                .append("SELECT pg_catalog.count(t) AS page_total, coalesce(json_agg(t.id ORDER BY t.id),"
                        + " '[]')::text AS body, NULL AS response_headers, current_user AS response_status"
                        + " FROM (SELECT \"notes\".* FROM \"api\".\"notes\" WHERE \"notes\".\"id\" >= ")
                .param(Integer.toString(minId))
                .append(" AND \"notes\".\"owner\" = ANY (")
                .param("{user0,user1,user2}")
                .append(")) t");
        return db.execute(settings, null, main);
    }

    @Test
    void pagesWithDistinctOffsetsKeepABoundedNumberOfStatementsOnTheConnection() throws SQLException {
        var settings = new RequestSettings(
                "\"api\"",
                Map.of(),
                null,
                "member",
                "{\"role\":\"member\",\"sub\":\"user1\"}",
                new TreeMap<>(Map.of("role", "member", "sub", "user1")),
                "GET",
                "/notes",
                "{}",
                "{}",
                Map.of(),
                false);
        try (Database db = open(true)) {
            // each request is the settings statement and the main one: without a bound, twice as many are left
            int pages = Database.STATEMENTS_PER_CONNECTION * 2 + 10;
            for (int offset = 0; offset < pages; offset++) {
                var main = new Sql()
                        .append("SELECT 1 AS page_total, coalesce(json_agg(t.id), '[]')::text AS body,"
                                + " NULL AS response_headers, NULL AS response_status FROM (SELECT \"notes\".\"id\" FROM"
                                + " \"api\".\"notes\" ORDER BY \"notes\".\"id\" LIMIT ")
                        .rowCount(1)
                        .append(" OFFSET ")
                        .rowCount(offset)
                        .append(") t");
                QueryResult result = db.execute(settings, null, main);
                assertThat(result.body()).as("page %d", offset).isNotNull();
            }
            try (Connection c = db.authenticatorDataSourceBypassingRls().getConnection();
                    var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_prepared_statements")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("statements prepared on the connection")
                        .isPositive()
                        .isLessThanOrEqualTo(Database.STATEMENTS_PER_CONNECTION * 2L);
            }
        }
    }

    @ParameterizedTest(name = "db-prepared-statements = {0}")
    @ValueSource(booleans = {true, false})
    void everyRepetitionRunsAsItsOwnRoleWithItsOwnClaims(boolean prepared) throws SQLException {
        try (Database db = open(prepared)) {
            for (int i = 0; i < 12; i++) {
                String sub = "user" + (i % 3);
                QueryResult result = request(db, "member", sub, 1 + i);
                List<Integer> expected = new ArrayList<>();
                for (int id = 1 + i; id <= 30; id++) {
                    if (id % 3 == i % 3) {
                        expected.add(id);
                    }
                }
                assertThat(result.responseStatus()).as("request %d", i).isEqualTo("member");
                assertThat(result.body()).as("request %d", i).isEqualTo(expected.toString());
                SQLException denied = catchThrowableOfType(SQLException.class, () -> request(db, "outsider", sub, 1));
                assertThat(denied.getSQLState()).as("request %d as outsider", i).isEqualTo("42501");
                assertThat(denied.getMessage()).contains("permission denied for table notes");
            }
            try (Connection c = db.authenticatorDataSourceBypassingRls().getConnection();
                    var rs = c.createStatement()
                            .executeQuery("SELECT generic_plans + custom_plans"
                                    + " FROM pg_prepared_statements WHERE statement LIKE '%FROM \"api\".\"notes\"%'")) {
                if (prepared) {
                    assertThat(rs.next())
                            .as("the main statement is prepared on the connection")
                            .isTrue();
                    assertThat(rs.getLong(1)).as("and reused by every request").isGreaterThanOrEqualTo(12);
                } else {
                    assertThat(rs.next())
                            .as("no statement is left on the connection")
                            .isFalse();
                }
            }
        }
    }
}
