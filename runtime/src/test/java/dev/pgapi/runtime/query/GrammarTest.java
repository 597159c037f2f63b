package dev.pgapi.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.error.ApiError;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrammarTest {

    @Test
    void emptySelectMeansStar() {
        assertThat(Grammar.select("")).containsExactly(new SelectItem.Star());
    }

    @Test
    void selectParsesColumnsAliasesCastsAndJsonPaths() {
        var items = Grammar.select("id, myId:id::text,data->phones->0->>number,field-with_sep");
        assertThat(items)
                .containsExactly(
                        new SelectItem.Column(Field.of("id"), null, null),
                        new SelectItem.Column(Field.of("id"), "myId", "text"),
                        new SelectItem.Column(
                                new Field(
                                        "data",
                                        List.of(
                                                new Field.JsonStep(false, "phones", false),
                                                new Field.JsonStep(false, "0", true),
                                                new Field.JsonStep(true, "number", false))),
                                null,
                                null),
                        new SelectItem.Column(Field.of("field-with_sep"), null, null));
    }

    @Test
    void selectParsesAggregatesWithInputAndOutputCasts() {
        var items = Grammar.select("total:amount::int.sum()::text,count(),n:count()::text,id.max()");
        assertThat(items)
                .containsExactly(
                        new SelectItem.Column(Field.of("amount"), "total", "int", "sum", "text"),
                        new SelectItem.Column(Field.of("*"), null, null, "count", null),
                        new SelectItem.Column(Field.of("*"), "n", null, "count", "text"),
                        new SelectItem.Column(Field.of("id"), null, null, "max", null));
        assertThat(items.stream().map(i -> ((SelectItem.Column) i).outputName()))
                .containsExactly("total", "count", "n", "max");
    }

    @Test
    void anUnknownAggregateIsASyntaxError() {
        assertThatThrownBy(() -> Grammar.select("id.median()")).isInstanceOf(ApiError.class);
    }

    @Test
    void jsonPathOutputNameIsTheLastKey() {
        var column =
                (SelectItem.Column) Grammar.select("json_data->>blood_type").getFirst();
        assertThat(column.field().outputName()).isEqualTo("blood_type");
    }

    @Test
    void selectParsesEmbedsWithHintsJoinTypesAndSpreads() {
        var items = Grammar.select("id,client:clients!client_fk!inner(id,name),...tasks(name),projects()");
        assertThat(items.get(1))
                .isEqualTo(new SelectItem.Embed(
                        "clients",
                        "client",
                        "client_fk",
                        "inner",
                        false,
                        List.of(
                                new SelectItem.Column(Field.of("id"), null, null),
                                new SelectItem.Column(Field.of("name"), null, null))));
        assertThat(items.get(2))
                .isEqualTo(new SelectItem.Embed(
                        "tasks", null, null, null, true, List.of(new SelectItem.Column(Field.of("name"), null, null))));
        assertThat(((SelectItem.Embed) items.get(3)).items()).isEmpty();
    }

    @Test
    void quotedNamesKeepSpecialCharacters() {
        var column = (SelectItem.Column) Grammar.select("\"information.cpe\"").getFirst();
        assertThat(column.field().name()).isEqualTo("information.cpe");
    }

    @Test
    void badJsonIndexReportsPositionLikePostgrest() {
        assertThatThrownBy(() -> Grammar.select("data->>--34")).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.code()).isEqualTo("PGRST100");
            assertThat(e.getMessage())
                    .isEqualTo("\"failed to parse select parameter (data->>--34)\" (line 1, column 9)");
            assertThat(e.detailsJson()).isEqualTo("\"unexpected \\\"-\\\" expecting digit\"");
        });
    }

    @Test
    void filterWithoutOperatorIsPgrst100() {
        assertThatThrownBy(() -> Grammar.filter(Field.of("id"), "0")).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.getMessage()).isEqualTo("\"failed to parse filter (0)\" (line 1, column 1)");
            assertThat(e.detailsJson())
                    .isEqualTo("\"unexpected \\\"0\\\" expecting \\\"not\\\" or operator (eq, gt, ...)\"");
        });
    }

    @Test
    void filterOperatorsNegationAndModifiers() {
        var f = Grammar.filter(Field.of("name"), "not.like(any).{O*,P*}");
        assertThat(f.negated()).isTrue();
        assertThat(f.operator()).isEqualTo(Operator.LIKE);
        assertThat(f.quantifier()).isEqualTo("any");
        assertThat(f.values()).containsExactly("O*", "P*");

        var fts = Grammar.filter(Field.of("body"), "fts(english).cat & dog");
        assertThat(fts.language()).isEqualTo("english");
        assertThat(fts.value()).isEqualTo("cat & dog");

        assertThat(Grammar.filter(Field.of("a"), "eq.x.y").value()).isEqualTo("x.y");
    }

    @Test
    void inListsUnquoteAndTrimOnlyAtTheBrackets() {
        var f = Grammar.filter(Field.of("id"), "in.( 1,\"a,b\",\"c\\\"d\" )");
        assertThat(f.values()).containsExactly("1", "a,b", "c\"d");
        assertThat(Grammar.filter(Field.of("id"), "in.()").values()).isEmpty();
    }

    @Test
    void isAcceptsOnlyItsKeywordsCaseInsensitively() {
        assertThat(Grammar.filter(Field.of("a"), "is.NULL").value()).isEqualTo("null");
        assertThatThrownBy(() -> Grammar.filter(Field.of("a"), "is.nil")).isInstanceOf(ApiError.class);
    }

    @Test
    void logicTreesNest() {
        var tree = Grammar.logic(false, false, "(and(name.eq.entity 2,id.eq.2),not.and(id.gt.1,id.in.(3,4)))");
        assertThat(tree.conjunction()).isFalse();
        assertThat(tree.children()).hasSize(2);
        var second = (Condition.Logic) tree.children().get(1);
        assertThat(second.negated()).isTrue();
        assertThat(((Condition.Filter) second.children().get(1)).values()).containsExactly("3", "4");
        var first = (Condition.Logic) tree.children().getFirst();
        assertThat(((Condition.Filter) first.children().getFirst()).value()).isEqualTo("entity 2");
    }

    @Test
    void emptyLogicTreeIsPgrst100() {
        assertThatThrownBy(() -> Grammar.logic(false, false, "()"))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> assertThat(e.getMessage()).startsWith("\"failed to parse logic tree (())\""));
    }

    @Test
    void orderTermsWithDirectionsAndNulls() {
        assertThat(Grammar.order("a.desc.nullslast,b,c.nullsfirst"))
                .containsExactly(
                        new OrderTerm(Field.of("a"), true, "LAST"),
                        new OrderTerm(Field.of("b"), false, null),
                        new OrderTerm(Field.of("c"), false, "FIRST"));
    }

    @Test
    void orderWithTrailingGarbageIsPgrst100() {
        assertThatThrownBy(() -> Grammar.order("id.asc.nullslasttt"))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> assertThat(e.detailsJson()).contains("expecting \\\",\\\" or end of input"));
    }
}
