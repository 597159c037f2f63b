package dev.pgapi.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.schema.FunctionInfo.ReturnShape;
import dev.pgapi.runtime.schema.FunctionInfo.Volatility;
import dev.pgapi.runtime.schema.RelationshipInfo.Cardinality;
import dev.pgapi.runtime.schema.RelationshipInfo.Junction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named factories and steps generated descriptors use describe exactly what the full constructors do. */
class DescriptorStepsTest {

    private static final ColumnInfo ID =
            ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull();

    @Test
    void relationStepsSetKeyWritesRelationshipsAndComputedFields() {
        var toClient = new RelationshipInfo(
                "p_client_fkey",
                Cardinality.MANY_TO_ONE,
                "api",
                "clients",
                false,
                List.of("client_id"),
                List.of("id"),
                null);
        var label = new ComputedFieldInfo("api", "label", "text", ValueKind.TEXT);

        var stepped = RelationInfo.relation("api", "projects", ID)
                .withPrimaryKey("id")
                .allowsInsert()
                .allowsDelete()
                .withRelationships(RelationshipInfo.manyToOne("p_client_fkey")
                        .from("client_id")
                        .to("api", "clients", "id"))
                .withComputedFields(ComputedFieldInfo.function("api", "label").returning("text", ValueKind.TEXT));

        assertThat(stepped)
                .isEqualTo(new RelationInfo(
                        "api",
                        "projects",
                        List.of(ID),
                        List.of("id"),
                        true,
                        false,
                        true,
                        List.of(toClient),
                        List.of(label)));
    }

    @Test
    void relationWithoutStepsIsReadOnlyWithoutKey() {
        assertThat(RelationInfo.relation("api", "v", ID))
                .isEqualTo(new RelationInfo("api", "v", List.of(ID), List.of(), false, false, false));
    }

    @Test
    void relationshipToAViewAndThroughAJunctionKeepEveryFact() {
        assertThat(RelationshipInfo.oneToMany("fk").from("id").toView("api", "items_view", "owner_id"))
                .isEqualTo(new RelationshipInfo(
                        "fk",
                        Cardinality.ONE_TO_MANY,
                        "api",
                        "items_view",
                        true,
                        List.of("id"),
                        List.of("owner_id"),
                        null));
        assertThat(RelationshipInfo.oneToOne("fk")
                        .from("id")
                        .to("api", "profile", "user_id")
                        .cardinality())
                .isEqualTo(Cardinality.ONE_TO_ONE);

        var junction = Junction.table("api", "enrollments")
                .source("e_student_fkey", "student_id")
                .target("e_course_fkey", "course_code");
        assertThat(RelationshipInfo.manyToMany(junction).from("id").to("api", "courses", "code"))
                .isEqualTo(new RelationshipInfo(
                        "e_student_fkey",
                        Cardinality.MANY_TO_MANY,
                        "api",
                        "courses",
                        false,
                        List.of("id"),
                        List.of("code"),
                        new Junction(
                                "api",
                                "enrollments",
                                "e_student_fkey",
                                List.of("student_id"),
                                "e_course_fkey",
                                List.of("course_code"))));
    }

    @Test
    void functionStepsSetArgumentsResultVolatilityColumnsAndSettings() {
        var stepped = FunctionInfo.function("api", "tagged")
                .withParams(
                        ParamInfo.param("label", "text", ValueKind.TEXT).optional(),
                        ParamInfo.variadicParam("tags", "text[]", ValueKind.OTHER))
                .returning(ReturnShape.SETOF_COMPOSITE, "record")
                .stable()
                .withColumns(ID)
                .withSettings(Map.of("statement_timeout", "1s"));

        assertThat(stepped)
                .isEqualTo(new FunctionInfo(
                        "api",
                        "tagged",
                        List.of(
                                new ParamInfo("label", "text", ValueKind.TEXT, true, false),
                                new ParamInfo("tags", "text[]", ValueKind.OTHER, false, true)),
                        ReturnShape.SETOF_COMPOSITE,
                        "record",
                        Volatility.STABLE,
                        List.of(ID),
                        Map.of("statement_timeout", "1s")));
        assertThat(FunctionInfo.function("api", "f").immutable().volatility()).isEqualTo(Volatility.IMMUTABLE);
    }

    @Test
    void functionWithoutStepsIsAVolatileVoidFunctionWithoutArguments() {
        assertThat(FunctionInfo.function("api", "touch"))
                .isEqualTo(new FunctionInfo(
                        "api", "touch", List.of(), ReturnShape.VOID, "void", Volatility.VOLATILE, List.of()));
    }
}
