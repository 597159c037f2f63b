package dev.pgapi.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.error.ApiError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadQueryParserTest {

    private static ReadQuery parse(String query) {
        return ReadQueryParser.parse(QueryString.parse(query));
    }

    @Test
    void sortsParametersIntoTheirRoles() {
        var q = parse("select=id&id=gt.1&order=id.desc&limit=3&offset=2&or=(id.eq.1,id.eq.2)");
        assertThat(q.select()).hasSize(1);
        assertThat(q.where()).hasSize(2);
        assertThat(q.order()).hasSize(1);
        assertThat(q.limit()).isEqualTo(3);
        assertThat(q.offset()).isEqualTo(2);
    }

    @Test
    void theRangeHeaderNarrowsLimitAndOffsetToTheirIntersection() {
        var q = ReadQueryParser.withRange(parse("limit=10&offset=5"), "8-20");
        assertThat(q.offset()).isEqualTo(8);
        assertThat(q.limit()).isEqualTo(7);
        var open = ReadQueryParser.withRange(parse(""), "3-");
        assertThat(open.offset()).isEqualTo(3);
        assertThat(open.limit()).isNull();
    }

    @Test
    void aRangeHeaderThatIsNotFromDashToIsIgnored() {
        var q = parse("limit=2");
        assertThat(ReadQueryParser.withRange(q, "items=0-1")).isSameAs(q);
        assertThat(ReadQueryParser.withRange(q, null)).isSameAs(q);
    }

    @Test
    void aRangeWhoseLowerBoundExceedsItsUpperIsPgrst103() {
        assertThatThrownBy(() -> ReadQueryParser.withRange(parse(""), "1-0"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo("PGRST103");
                    assertThat(e.status()).isEqualTo(416);
                });
    }

    @Test
    void aggregatesAnywhereInSelectArePgrst123UnlessEnabled() {
        assertThatThrownBy(() -> parse("select=id,books(id.sum())"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST123"));
        assertThat(ReadQueryParser.parse(QueryString.parse("select=id,books(id.sum())"), true)
                        .select())
                .hasSize(2);
    }

    @Test
    void legacyTargetNamesAreAliasedEmbedsNamedByTheirRelation() {
        assertThat(
                        ReadQueryParser.legacyTargetNames(
                                parse(
                                        "select=a:films(t:tasks(id)),awards(id),x:awards(id)&films.order=id&a.tasks.limit=1&awards.id=eq.1")))
                .containsExactly(Map.entry("tasks", "t"), Map.entry("films", "a"));
        assertThat(ReadQueryParser.legacyTargetNames(parse("select=a:films(id)&a.order=id")))
                .isEmpty();
    }

    @Test
    void negativeLimitIs416AndOddOffsetsAreIgnored() {
        assertThatThrownBy(() -> parse("limit=-1"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.status()).isEqualTo(416));
        assertThat(parse("offset=-4").offset()).isZero();
        assertThat(parse("limit=abc").limit()).isNull();
    }

    @Test
    void filterOnAnEmbedThatIsNotSelectedIsPgrst108() {
        assertThatThrownBy(() -> parse("non_existent_projects.name=like.*x*"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo("PGRST108");
                    assertThat(e.toJson())
                            .isEqualTo("{\"code\":\"PGRST108\",\"details\":null,"
                                    + "\"hint\":\"Verify that 'non_existent_projects' is included in the 'select' query"
                                    + " parameter.\",\"message\":\"'non_existent_projects' is not an embedded resource in"
                                    + " this request\"}");
                });
    }

    @Test
    void negatedLogicTreeKey() {
        var q = parse("not.or=(id.eq.1,id.eq.2)");
        assertThat(((Condition.Logic) q.where().getFirst()).negated()).isTrue();
    }

    @Test
    void percentEncodedValuesAreDecoded() {
        var q = parse("name=eq.a%20b%2Cc&title=eq.x+y");
        assertThat(((Condition.Filter) q.where().getFirst()).value()).isEqualTo("a b,c");
        assertThat(((Condition.Filter) q.where().get(1)).value()).isEqualTo("x y");
    }

    @Test
    void embeddedLevelsAreKeyedByTheirPath() {
        ReadQuery q = parse("select=id,works:books(id,readers(name))&works.id=gt.1&works.readers.order=name.desc"
                + "&works.limit=2&works.not.or=(id.eq.3,id.eq.4)&order=books(id)");
        assertThat(q.level(java.util.List.of("works")).where()).hasSize(2);
        assertThat(((Condition.Logic)
                                q.level(java.util.List.of("works")).where().get(1))
                        .negated())
                .isTrue();
        assertThat(q.level(java.util.List.of("works")).limit()).isEqualTo(2);
        assertThat(q.level(java.util.List.of("works", "readers"))
                        .order()
                        .getFirst()
                        .descending())
                .isTrue();
        assertThat(q.order().getFirst().relation()).isEqualTo("books");
        assertThatThrownBy(() -> parse("select=id,works:books(id)&works.nope.id=eq.1"))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("'nope' is not an embedded resource in this request"));
    }
}
