package dev.pgapi.runtime.query;

import static dev.pgapi.runtime.schema.ColumnInfo.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.plan.WritePlan;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A write's filters and representation are resolved while planning. */
class WritePlannerTest {

    private static final RelationInfo ITEMS = RelationInfo.relation(
                    "api", "items", column("id", "integer", ValueKind.INTEGER), column("name", "text", ValueKind.TEXT))
            .withPrimaryKey("id");

    private static WritePlanner.Output output(WritePlan.Returning returning, String query) {
        return new WritePlanner.Output(
                returning,
                ReadQueryParser.parse(QueryString.parse(query)),
                Shape.ARRAY,
                RelationLookup.of(List.of(ITEMS)));
    }

    @Test
    void aFilterOnAnUnknownColumnIs42703BeforeAnythingIsWritten() {
        var query = ReadQueryParser.parse(QueryString.parse("nope=eq.1"));
        assertThatThrownBy(() -> WritePlanner.delete(ITEMS, query.where(), output(WritePlan.Returning.MINIMAL, "")))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.getMessage()).contains("items.nope"));
    }

    @Test
    void aRepresentationSelectingAnUnknownColumnIs42703() {
        var query = ReadQueryParser.parse(QueryString.parse("id=eq.1"));
        assertThatThrownBy(() -> WritePlanner.delete(
                        ITEMS, query.where(), output(WritePlan.Returning.REPRESENTATION, "select=nope")))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("42703"));
    }

    @Test
    void onlyARepresentationIsPlannedAsARead() {
        var query = ReadQueryParser.parse(QueryString.parse("id=eq.1"));
        WritePlan.Delete minimal = WritePlanner.delete(ITEMS, query.where(), output(WritePlan.Returning.MINIMAL, ""));
        assertThat(minimal.where()).hasSize(1);
        assertThat(minimal.output().representation()).isNull();
        WritePlan.Delete full =
                WritePlanner.delete(ITEMS, query.where(), output(WritePlan.Returning.REPRESENTATION, "select=name"));
        assertThat(full.output().representation().from().text()).isEqualTo("pgrst_mutation");
    }

    @Test
    void aBodyKeyOrColumnsNameTheRelationLacksIsPgrst204() {
        assertThatThrownBy(() -> WritePlanner.columns(ITEMS, List.of("id", "nope")))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST204"));
        assertThatThrownBy(() -> WritePlanner.columnList(ITEMS, QueryString.parse("columns=id,nope"), "columns"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST204"));
    }

    @Test
    void anEmptyColumnsParameterIsPgrst100AndAnAbsentOneIsNull() {
        assertThatThrownBy(() -> WritePlanner.columnList(ITEMS, QueryString.parse("on_conflict="), "on_conflict"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST100"));
        assertThat(WritePlanner.columnList(ITEMS, QueryString.parse("select=id"), "columns"))
                .isNull();
        assertThat(WritePlanner.columnList(ITEMS, QueryString.parse("columns=name,%22id%22"), "columns"))
                .extracting(c -> c.name())
                .containsExactly("name", "id");
    }

    @Test
    void putFiltersOtherThanEachPrimaryKeyColumnOnceWithEqArePgrst105() {
        for (String filters : List.of("name=eq.a", "id=gt.1", "id=eq.1&id=eq.2", "id=not.eq.1", "")) {
            var where = ReadQueryParser.parse(QueryString.parse(filters)).where();
            assertThatThrownBy(() -> WritePlanner.putKey(ITEMS, where))
                    .as(filters)
                    .isInstanceOfSatisfying(
                            ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST105"));
        }
        var key = WritePlanner.putKey(
                ITEMS, ReadQueryParser.parse(QueryString.parse("id=eq.7")).where());
        assertThat(key).singleElement().satisfies(k -> assertThat(k.value()).isEqualTo("7"));
    }
}
