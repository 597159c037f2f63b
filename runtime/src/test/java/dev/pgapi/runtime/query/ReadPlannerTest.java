package dev.pgapi.runtime.query;

import static dev.pgapi.runtime.schema.ColumnInfo.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.Expr;
import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.ReadPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Planning raises every error a read can have; what it hands the renderer is resolved. */
class ReadPlannerTest {

    private static final RelationInfo CLIENTS = RelationInfo.relation(
                    "api",
                    "clients",
                    column("id", "integer", ValueKind.INTEGER),
                    column("name", "text", ValueKind.TEXT))
            .withRelationships(RelationshipInfo.oneToMany("projects_client_id_fkey")
                    .from("id")
                    .to("api", "projects", "client_id"));

    private static final RelationInfo PROJECTS = RelationInfo.relation(
                    "api",
                    "projects",
                    column("id", "integer", ValueKind.INTEGER),
                    column("name", "text", ValueKind.TEXT),
                    column("client_id", "integer", ValueKind.INTEGER),
                    column("reviewer_id", "integer", ValueKind.INTEGER))
            .withRelationships(
                    RelationshipInfo.manyToOne("projects_client_id_fkey")
                            .from("client_id")
                            .to("api", "clients", "id"),
                    RelationshipInfo.manyToOne("projects_reviewer_id_fkey")
                            .from("reviewer_id")
                            .to("api", "clients", "id"));

    private static final RelationLookup LOOKUP = RelationLookup.of(List.of(CLIENTS, PROJECTS));

    private static ReadPlan plan(RelationInfo relation, String query) {
        return ReadPlanner.plan(
                relation,
                ReadQueryParser.parse(QueryString.parse(query), true),
                LOOKUP,
                new ReadPlanner.Options(null, Shape.ARRAY, false));
    }

    private static void assertCode(ThrowingCallable planning, String code) {
        assertThatThrownBy(planning)
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anUnknownColumnIs42703NamingTheLevelAsPostgrestAliasesIt() {
        assertCode(() -> plan(CLIENTS, "select=nope"), "42703");
        assertThatThrownBy(() -> plan(CLIENTS, "select=id,projects(nope)")).hasMessageContaining("projects_1.nope");
        assertCode(() -> plan(CLIENTS, "nope=eq.1"), "42703");
        assertCode(() -> plan(CLIENTS, "order=nope"), "42703");
    }

    @Test
    void aCastToAnUnknownTypeIs42704() {
        assertCode(() -> plan(CLIENTS, "select=id::nosuchtype"), "42704");
        assertCode(() -> plan(CLIENTS, "select=id.sum()::nosuchtype"), "42704");
    }

    @Test
    void aValueTheColumnsTypeNeverAcceptsIs22P02AndOneOutOfItsRangeIs22003() {
        assertCode(() -> plan(CLIENTS, "id=eq.abc"), "22P02");
        assertCode(() -> plan(CLIENTS, "id=in.(1,abc)"), "22P02");
        assertCode(() -> plan(CLIENTS, "id=eq.99999999999"), "22003");
    }

    @Test
    void anEmbedWithoutARelationshipIsPgrst200() {
        assertCode(() -> plan(CLIENTS, "select=id,nope(id)"), "PGRST200");
    }

    @Test
    void anEmbedWithTwoRelationshipsAndNoHintIsPgrst201() {
        assertCode(() -> plan(PROJECTS, "select=id,clients(id)"), "PGRST201");
        assertThat(plan(PROJECTS, "select=id,clients!projects_client_id_fkey(id)")
                        .root()
                        .embeds())
                .hasSize(1);
    }

    @Test
    void twoEmbedsUnderOneNameAre42712() {
        assertCode(() -> plan(CLIENTS, "select=id,projects(id),projects(name)"), "42712");
    }

    @Test
    void aFilterOnAnEmbedOtherThanIsNullIsPgrst120() {
        assertCode(() -> plan(CLIENTS, "select=id,projects(id)&projects=eq.1"), "PGRST120");
        assertThat(plan(CLIENTS, "select=id,projects(id)&projects=not.is.null")
                        .root()
                        .where())
                .singleElement()
                .isInstanceOf(ConditionPlan.EmbedPresence.class);
    }

    @Test
    void orderingByAnEmbedNotSelectedIsPgrst108() {
        assertCode(() -> plan(PROJECTS, "order=clients(name)"), "PGRST108");
    }

    @Test
    void orderingByAToManyEmbedIsPgrst118() {
        assertCode(() -> plan(CLIENTS, "select=id,projects(id)&order=projects(name)"), "PGRST118");
    }

    @Test
    void aggregatesInAToManySpreadArePgrst127() {
        assertCode(() -> plan(CLIENTS, "select=id,...projects(id.sum())"), "PGRST127");
    }

    @Test
    void aPlanNamesEveryLevelItsAliasAndComputesTheSelectListOnce() {
        ReadPlan plan = plan(CLIENTS, "select=id,projects(name)&projects.order=name&limit=5");
        LevelPlan root = plan.root();
        assertThat(root.alias()).isEqualTo("pgrst_0");
        assertThat(root.limit()).isEqualTo(5L);
        assertThat(root.outputs().get(0).expr()).isInstanceOf(Expr.Value.class);
        assertThat(root.outputs().get(1).expr()).isEqualTo(new Expr.EmbeddedArray("pgrst_0_pgrst_1"));
        LevelPlan projects = root.embeds().getFirst().level();
        assertThat(projects.alias()).isEqualTo("pgrst_1");
        assertThat(projects.order()).hasSize(1);
        assertThat(root.embeds().getFirst().lateral()).isEqualTo("pgrst_0_pgrst_1");
    }

    @Test
    void dbMaxRowsCapsEveryLevelsLimit() {
        LevelPlan root = ReadPlanner.plan(
                        CLIENTS,
                        ReadQueryParser.parse(QueryString.parse("select=id,projects(id)&limit=50")),
                        LOOKUP,
                        new ReadPlanner.Options(10L, Shape.ARRAY, false))
                .root();
        assertThat(root.limit()).isEqualTo(10L);
        assertThat(root.embeds().getFirst().level().limit()).isEqualTo(10L);
    }
}
