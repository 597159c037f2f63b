package dev.pgapi.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-claim setting name rule, checked against what a real PostgreSQL's set_config accepts. */
class ClaimSettingsTest {

    @Test
    void identifierPartsSeparatedByDotsAreSettable() {
        for (String name : List.of(
                "email",
                "role",
                "_x",
                "a1",
                "a$",
                "a.b",
                "user_id",
                "Email",
                "\u00e9t\u00e9",
                "\u65e5\u672c",
                "\ud83d\ude00",
                "a.\u00e9")) {
            assertThat(ClaimSettings.settable(name, "v")).as(name).isTrue();
        }
        assertThat(ClaimSettings.settable("email", null)).isTrue();
    }

    @Test
    void providerStyleNamesAndNulTextsAreNot() {
        for (String name : List.of(
                "cognito:groups",
                "custom:tenant",
                "https://example.com/roles",
                "x-hasura-user-id",
                "a b",
                "",
                ".a",
                "a.",
                "a..b",
                "1a",
                "$a",
                "a.1",
                "\ud83d",
                "a\ude00",
                "a\0")) {
            assertThat(ClaimSettings.settable(name, "v")).as(name).isFalse();
        }
        assertThat(ClaimSettings.settable("email", "a\0b")).isFalse();
    }

    @Test
    void ruleMatchesWhatPostgresqlAccepts() throws Exception {
        List<String> names = new ArrayList<>(List.of(
                "cognito:groups",
                "https://example.com/role",
                "x-hasura-user-id",
                "a b",
                "",
                "a.b",
                "a..b",
                ".a",
                "a.",
                "\u00e9",
                "a\u00e9",
                "\u65e5\u672c.\u8a9e",
                "\ud83d\ude00",
                "a.1",
                "a.$",
                "a.b1$"));
        for (char c = 1; c < 0x80; c++) {
            names.add(String.valueOf(c));
            names.add("a" + c);
            names.add("a" + c + "b");
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start();
                Connection c = pg.getPostgresDatabase().getConnection()) {
            c.setAutoCommit(false);
            List<String> disagreements = new ArrayList<>();
            for (String name : names) {
                boolean accepted = accepts(c, name);
                if (accepted != ClaimSettings.settable(name, "v")) {
                    disagreements.add("'" + name + "' accepted by PostgreSQL: " + accepted);
                }
            }
            assertThat(disagreements).isEmpty();
        }
    }

    private static boolean accepts(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT set_config(?, 'v', true)")) {
            ps.setString(1, "request.jwt.claim." + name);
            ps.execute();
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            return false;
        }
    }
}
