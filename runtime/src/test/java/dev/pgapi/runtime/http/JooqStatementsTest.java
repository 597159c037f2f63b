package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** A jOOQ query becomes jOOQ's text with its values as the text PostgreSQL reads for them, bound untyped. */
class JooqStatementsTest {

    @Test
    void theQueryKeepsJooqsTextAndEachValueBecomesAParameter() {
        var dsl = DSL.using(RequestContext.JOOQ);
        var books = DSL.table(DSL.name("api", "books"));
        var id = DSL.field(DSL.name("books", "id"), SQLDataType.INTEGER);
        var title = DSL.field(DSL.name("books", "title"), SQLDataType.VARCHAR);

        var sql = JooqStatements.of(
                dsl, dsl.select(id).from(books).where(id.eq(42)).and(title.like("Kin%")));

        assertThat(sql.text())
                .isEqualTo("select \"books\".\"id\" from \"api\".\"books\" where (\"books\".\"id\" = ? and"
                        + " \"books\".\"title\" like ?)");
        assertThat(sql.params()).containsExactly("42", "Kin%");
    }

    @Test
    void valuesAreWrittenAsPostgresReadsThem() {
        assertThat(JooqStatements.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(JooqStatements.text(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
        assertThat(JooqStatements.text(OffsetDateTime.of(2024, 2, 29, 12, 30, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2024-02-29T12:30+02:00");
        assertThat(JooqStatements.text(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(JooqStatements.text(JSONB.valueOf("{\"a\": 1}"))).isEqualTo("{\"a\": 1}");
        assertThat(JooqStatements.text(true)).isEqualTo("true");
        assertThat(JooqStatements.text(null)).isNull();
    }

    @Test
    void aValueWithoutOneTextIsRefusedNamingTheAlternative() {
        assertThatThrownBy(() -> JooqStatements.text(new byte[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ApiRuntime.transaction");
    }
}
