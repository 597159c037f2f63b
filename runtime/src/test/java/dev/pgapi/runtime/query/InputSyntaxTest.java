package dev.pgapi.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.schema.ValueKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The early checks of filter values and function arguments agree with PostgreSQL's own input functions: never reject
 * what it accepts, same error text.
 */
class InputSyntaxTest {

    private static EmbeddedPostgres pg;
    private static Connection db;

    @BeforeAll
    static void start() throws IOException, SQLException {
        pg = EmbeddedPostgres.start();
        db = pg.getPostgresDatabase().getConnection();
    }

    @AfterAll
    static void stop() throws IOException, SQLException {
        db.close();
        pg.close();
    }

    private static final List<String> INPUTS = List.of(
            "1",
            " 42 ",
            "+7",
            "-0",
            "1_000",
            "0x1F",
            "0o17",
            "0b101",
            "abc",
            "",
            " ",
            "1.5",
            "1e3",
            "1_",
            "_1",
            "0x",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "32767",
            "32768",
            "9223372036854775807",
            "9223372036854775808",
            ".5",
            "5.",
            "-1.5e-3",
            "NaN",
            "Infinity",
            "-inf",
            "1..2",
            "t",
            "TRUE",
            "yes",
            "y",
            "of",
            "o",
            "off",
            "maybe",
            "1 2",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "{a0eebc999c0b4ef8bb6d6bb9bd380a11}",
            "a0ee-bc99",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1x",
            "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            "a0eebc999c0b4ef8bb6d6bb9bd380a11",
            "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 ",
            "0xFFFFFFFFFF",
            "-0x8000",
            "-32769",
            "123456789012345678",
            "-9223372036854775808",
            "-9223372036854775809",
            "1__0",
            "nan",
            " -Infinity ");

    @Test
    void integersAgreeWithPostgres() throws SQLException {
        agree(ValueKind.SMALLINT, "smallint");
        agree(ValueKind.INTEGER, "integer");
        agree(ValueKind.BIGINT, "bigint");
    }

    @Test
    void numericBooleanAndUuidAgreeWithPostgres() throws SQLException {
        agree(ValueKind.NUMERIC, "numeric");
        agree(ValueKind.BOOLEAN, "boolean");
        agree(ValueKind.UUID, "uuid");
    }

    /** Whatever the check rejects, PostgreSQL rejects with the same code and message; and it does reject. */
    private static void agree(ValueKind kind, String type) throws SQLException {
        var rejected = new java.util.ArrayList<String>();
        for (String input : INPUTS) {
            String pgError = postgresError(input, type);
            try {
                InputSyntax.check(kind, input);
            } catch (ApiError e) {
                assertThat(pgError).as(type + " " + input).isEqualTo(e.code() + " " + e.getMessage());
                rejected.add(input);
            }
        }
        assertThat(rejected).as(type).contains("abc", "");
    }

    private static String postgresError(String input, String type) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT ?::text::" + type)) {
            ps.setString(1, input);
            ps.executeQuery().close();
            return null;
        } catch (SQLException e) {
            return e.getSQLState() + " "
                    + e.getMessage().replaceFirst("^ERROR: ", "").replaceFirst("\\n.*", "");
        }
    }
}
