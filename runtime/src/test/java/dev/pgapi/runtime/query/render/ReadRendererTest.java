package dev.pgapi.runtime.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.query.Condition;
import dev.pgapi.runtime.query.Field;
import dev.pgapi.runtime.query.Operator;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.EmbedPlan;
import dev.pgapi.runtime.query.plan.Expr;
import dev.pgapi.runtime.query.plan.FieldRef;
import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.OrderPlan;
import dev.pgapi.runtime.query.plan.Output;
import dev.pgapi.runtime.query.plan.ReadPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderer writes what a hand-built plan says, values as parameters, and nothing else. */
class ReadRendererTest {

    private static FieldRef column(String row, String name, String type) {
        return new FieldRef(new FieldRef.ColumnValue(row, name), type, List.of());
    }

    private static final LevelPlan PROJECTS = new LevelPlan(
            new Sql().ident("api").append(".").ident("projects"),
            "pgrst_1",
            List.of(new Output(new Expr.Value(column("pgrst_1", "name", "text")), null, false)),
            List.of(),
            List.of(),
            List.of(new OrderPlan(column("pgrst_1", "name", "text"), true, "LAST")),
            3L,
            0);

    private static final EmbedPlan EMBED = new EmbedPlan(
            RelationshipInfo.oneToMany("projects_client_id_fkey").from("id").to("api", "projects", "client_id"),
            new EmbedPlan.Presence("pgrst_0_pgrst_1", false),
            false,
            false,
            List.of(),
            PROJECTS);

    private static final Condition.Filter NAME_LIKE =
            new Condition.Filter(Field.of("name"), false, Operator.LIKE, null, null, "A*", List.of());

    private static final LevelPlan CLIENTS = new LevelPlan(
            new Sql().ident("api").append(".").ident("clients"),
            "pgrst_0",
            List.of(
                    new Output(new Expr.Value(column("pgrst_0", "id", "integer")), null, false),
                    new Output(new Expr.EmbeddedArray("pgrst_0_pgrst_1"), "projects", false)),
            List.of(EMBED),
            List.of(new ConditionPlan.Comparison(column("pgrst_0", "name", "text"), NAME_LIKE)),
            List.of(),
            10L,
            20);

    @Test
    void aLevelRendersItsOutputsEmbedsFiltersOrderAndPaging() {
        Sql rows = ReadRenderer.rows(CLIENTS);
        assertThat(rows.text())
                .isEqualTo("SELECT \"pgrst_0\".\"id\", COALESCE(\"pgrst_0_pgrst_1\".\"pgrst_agg\", '[]'::jsonb) AS"
                        + " \"projects\" FROM \"api\".\"clients\" AS \"pgrst_0\" LEFT JOIN LATERAL (SELECT"
                        + " json_agg(\"pgrst_0_pgrst_1_t\")::jsonb AS \"pgrst_agg\" FROM (SELECT \"pgrst_1\".\"name\""
                        + " FROM \"api\".\"projects\" AS \"pgrst_1\" WHERE \"pgrst_1\".\"client_id\" ="
                        + " \"pgrst_0\".\"id\" ORDER BY \"pgrst_1\".\"name\" DESC NULLS LAST LIMIT 3) AS"
                        + " \"pgrst_0_pgrst_1_t\") AS \"pgrst_0_pgrst_1\" ON TRUE WHERE (\"pgrst_0\".\"name\" LIKE ?)"
                        + " LIMIT 10 OFFSET 20");
        assertThat(rows.params()).containsExactly("A%");
    }

    @Test
    void aCountSkipsTheSelectListPagingAndEmbedsNoFilterNeeds() {
        assertThat(ReadRenderer.countRows(CLIENTS).text())
                .isEqualTo("SELECT 1 FROM \"api\".\"clients\" AS \"pgrst_0\" WHERE (\"pgrst_0\".\"name\" LIKE ?)");
    }

    @Test
    void theStatementAggregatesTheBodyAndReadsTheResponseSettingsLast() {
        Sql sql = ReadRenderer.statement(new ReadPlan(null, PROJECTS, Shape.OBJECT, true, 101L));
        assertThat(sql.text())
                .isEqualTo("WITH pgrst_source AS (SELECT \"pgrst_1\".\"name\" FROM \"api\".\"projects\" AS \"pgrst_1\""
                        + " ORDER BY \"pgrst_1\".\"name\" DESC NULLS LAST LIMIT 3) SELECT (SELECT pg_catalog.count(*)"
                        + " FROM (SELECT 1 FROM \"api\".\"projects\" AS \"pgrst_1\" LIMIT 101) _pgrst_count) AS"
                        + " total_result_set, pg_catalog.count(_postgrest_t) AS page_total,"
                        + " coalesce(json_agg(_postgrest_t)->0, 'null')::text AS body,"
                        + " nullif(current_setting('response.headers', true), '') AS response_headers,"
                        + " nullif(current_setting('response.status', true), '') AS response_status"
                        + " FROM pgrst_source _postgrest_t");
        assertThat(sql.params()).isEmpty();
    }

    @Test
    void jsonPathKeysAndAggregatesCastsRenderWithoutLookingAnythingUp() {
        var path = List.of(new Field.JsonStep(false, "phones", false), new Field.JsonStep(true, "0", true));
        var data = new FieldRef(new FieldRef.ColumnValue("pgrst_0", "data"), "text", path);
        var sql = new Sql();
        OutputRenderer.outputs(
                sql,
                List.of(
                        new Output(new Expr.Value(data), "phone", false),
                        new Output(
                                new Expr.Aggregate("sum", new Expr.Value(column("pgrst_0", "n", "integer")), "text"),
                                "sum",
                                true)));
        assertThat(sql.text())
                .isEqualTo("to_jsonb(\"pgrst_0\".\"data\")->(?::text)->>(?::integer) AS \"phone\","
                        + " CAST(SUM(\"pgrst_0\".\"n\") AS text) AS \"sum\"");
        assertThat(sql.params()).containsExactly("phones", "0");
    }
}
