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
}
