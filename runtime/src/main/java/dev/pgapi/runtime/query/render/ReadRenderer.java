package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.EmbedPlan;
import dev.pgapi.runtime.query.plan.HandlerPlan;
import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.OrderPlan;
import dev.pgapi.runtime.query.plan.Output;
import dev.pgapi.runtime.query.plan.ReadPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a read. The statement returns one row: {@code total_result_set} (the exact count, or NULL),
 * {@code page_total}, {@code body} (NULL for {@code Shape.NONE}), {@code response_headers} and
 * {@code response_status}. Embedded objects and arrays are built with {@code row_to_json(...)::jsonb} /
 * {@code json_agg(...)::jsonb} like PostgREST, so their text is jsonb's while the top level is {@code json_agg}'s.
 */
public final class ReadRenderer {

    private ReadRenderer() {}

    /** The main statement of a read. */
    public static Sql statement(ReadPlan plan) {
        // sized for a typical statement (about 450 characters for a one-table read): no regrowth per request
        var sql = Sql.sized(512, 4).append("WITH ");
        if (plan.with() != null && !plan.with().isEmpty()) {
            sql.append(plan.with()).append(", ");
        }
        sql.append("pgrst_source AS (").append(rows(plan.root())).append(") SELECT ");
        if (plan.exactCount()) {
            sql.append("(SELECT pg_catalog.count(*) FROM (").append(countRows(plan.root()));
            if (plan.countLimit() != null) {
                sql.append(" LIMIT ").rowCount(plan.countLimit());
            }
            sql.append(") _pgrst_count)");
        } else {
            sql.append("NULL::bigint");
        }
        return result(sql, plan.shape(), plan.handler());
    }

    /**
     * The main statement of a read whose rows another renderer wrote (a hand-written jOOQ query): the same result row
     * as {@link #statement}, without a count.
     */
    public static Sql statementOver(Sql rows, Shape shape) {
        var sql = Sql.sized(rows.length() + 384, rows.parameterCount())
                .append("WITH pgrst_source AS (")
                .append(rows)
                .append(") SELECT NULL::bigint");
        return result(sql, shape, null);
    }

    /** The result row's columns after {@code total_result_set}: the page's size, the body, the response settings. */
    private static Sql result(Sql sql, Shape shape, HandlerPlan handler) {
        sql.append(" AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ")
                .append(BodyRenderer.body(shape, "pgrst_source", handler))
                .append(" AS body");
        return ResponseTail.append(sql).append(" FROM pgrst_source _postgrest_t");
    }

    /**
     * {@code EXPLAIN (FORMAT JSON)} of the count query, for {@code Prefer: count=planned|estimated}: the planner's
     * row estimate is the top node's {@code Plan Rows}.
     */
    public static Sql explainCount(ReadPlan plan) {
        var sql = new Sql().append("EXPLAIN (FORMAT JSON) ");
        if (plan.with() != null && !plan.with().isEmpty()) {
            sql.append("WITH ").append(plan.with()).append(" ");
        }
        return sql.append(countRows(plan.root()));
    }

    /** The level's rows: select list, embeds, filters, grouping, order and paging, without the JSON aggregation. */
    public static Sql rows(LevelPlan level) {
        return level(level, List.of(), false, true);
    }

    /** The rows an exact count counts: {@code SELECT 1}, the top-level filters and the embeds they need. */
    public static Sql countRows(LevelPlan level) {
        return level(level, List.of(), true, false);
    }

    /**
     * {@code SELECT ... FROM source AS alias [junction] [laterals] WHERE ... ORDER BY ... LIMIT ... OFFSET ...}.
     *
     * @param joinConditions  conditions tying the level to its parent row
     * @param countOnly       {@code SELECT 1}, only the embeds filters need, no order or paging
     * @param paged           apply limit/offset (not on to-one levels)
     */
    private static Sql level(LevelPlan level, List<Sql> joinConditions, boolean countOnly, boolean paged) {
        var sql = Sql.sized(128, 4).append("SELECT ");
        if (countOnly) {
            sql.append("1");
        } else {
            OutputRenderer.outputs(sql, level.outputs());
        }
        sql.append(" FROM ").append(level.from()).append(" AS ").ident(level.alias());
        var where = new ArrayList<Sql>(joinConditions);
        for (EmbedPlan embed : level.embeds()) {
            if (countOnly && !embed.neededForCount()) {
                continue;
            }
            sql.append(" LEFT JOIN LATERAL (")
                    .append(lateral(level.alias(), embed))
                    .append(") AS ")
                    .ident(embed.lateral())
                    .append(" ON TRUE");
            if (embed.inner()) {
                where.add(new Sql().append(ConditionRenderer.present(embed.presence())));
            }
        }
        for (ConditionPlan condition : level.where()) {
            var c = new Sql();
            ConditionRenderer.condition(c, condition);
            where.add(c);
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ");
            for (int i = 0; i < where.size(); i++) {
                sql.append(i > 0 ? " AND " : "").append(where.get(i));
            }
        }
        if (countOnly) {
            return sql;
        }
        groupBy(sql, level.outputs());
        orderBy(sql, level.order());
        if (!paged) {
            return sql;
        }
        if (level.limit() != null) {
            sql.append(" LIMIT ").rowCount(level.limit());
        }
        if (level.offset() > 0) {
            sql.append(" OFFSET ").rowCount(level.offset());
        }
        return sql;
    }

    /** PostgREST's automatic grouping: by every output that is not an aggregate, when there is one. */
    private static void groupBy(Sql sql, List<Output> outputs) {
        if (outputs.stream().noneMatch(Output::aggregate)) {
            return;
        }
        var positions = new ArrayList<String>();
        for (int i = 0; i < outputs.size(); i++) {
            if (!outputs.get(i).aggregate()) {
                positions.add(Integer.toString(i + 1));
            }
        }
        if (!positions.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", positions));
        }
    }

    private static void orderBy(Sql sql, List<OrderPlan> order) {
        if (order.isEmpty()) {
            return;
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            OrderPlan term = order.get(i);
            if (i > 0) {
                sql.append(", ");
            }
            OutputRenderer.field(sql, term.field());
            sql.append(term.descending() ? " DESC" : " ASC");
            if (term.nulls() != null) {
                sql.append(" NULLS ").append(term.nulls());
            }
        }
    }

    /** The subquery joined laterally for an embed of the level aliased {@code parent}. */
    private static Sql lateral(String parent, EmbedPlan embed) {
        RelationshipInfo rel = embed.relationship();
        LevelPlan target = embed.level();
        var conditions = new ArrayList<Sql>();
        if (rel.junction() != null) {
            RelationshipInfo.Junction j = rel.junction();
            String junction = target.alias() + "_j";
            var from = new Sql()
                    .ident(j.schema())
                    .append(".")
                    .ident(j.name())
                    .append(" AS ")
                    .ident(junction);
            for (int i = 0; i < rel.columns().size(); i++) {
                conditions.add(new Sql()
                        .ident(junction)
                        .append(".")
                        .ident(j.sourceColumns().get(i))
                        .append(" = ")
                        .ident(parent)
                        .append(".")
                        .ident(rel.columns().get(i)));
            }
            var exists = new Sql().append("EXISTS (SELECT 1 FROM ").append(from).append(" WHERE ");
            for (Sql condition : conditions) {
                exists.append(condition).append(" AND ");
            }
            for (int i = 0; i < rel.targetColumns().size(); i++) {
                exists.append(i > 0 ? " AND " : "")
                        .ident(junction)
                        .append(".")
                        .ident(j.targetColumns().get(i))
                        .append(" = ")
                        .ident(target.alias())
                        .append(".")
                        .ident(rel.targetColumns().get(i));
            }
            conditions = new ArrayList<>(List.of(exists.append(")")));
        } else {
            for (int i = 0; i < rel.columns().size(); i++) {
                conditions.add(new Sql()
                        .ident(target.alias())
                        .append(".")
                        .ident(rel.targetColumns().get(i))
                        .append(" = ")
                        .ident(parent)
                        .append(".")
                        .ident(rel.columns().get(i)));
            }
        }
        if (embed.toOne()) {
            return level(target, conditions, false, false);
        }
        String rows = embed.lateral() + "_t";
        var sql = new Sql()
                .append("SELECT json_agg(")
                .ident(rows)
                .append(")::jsonb AS ")
                .ident(OutputRenderer.AGG);
        // a to-many spread: one array per column, all from the same (ordered) pass over the rows
        for (String column : embed.spreadColumns()) {
            sql.append(", COALESCE(json_agg(")
                    .ident(rows)
                    .append(".")
                    .ident(column)
                    .append("), '[]')::jsonb AS ")
                    .ident(column);
        }
        return sql.append(" FROM (")
                .append(level(target, conditions, false, true))
                .append(") AS ")
                .ident(rows);
    }
}
