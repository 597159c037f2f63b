package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.WritePlan;
import dev.pgapi.runtime.query.plan.WritePlan.InsertMode;
import dev.pgapi.runtime.query.plan.WritePlan.KeyValue;
import dev.pgapi.runtime.query.plan.WritePlan.Output;
import dev.pgapi.runtime.query.plan.WritePlan.Returning;
import dev.pgapi.runtime.query.plan.WritePlan.Rows;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Renders PostgREST's writes. Identifiers come from the generated {@link RelationInfo}; the body travels as one JSON
 * parameter typed by {@code json_to_recordset} with the columns' declared types, so PostgreSQL converts the values
 * exactly as it does for PostgREST.
 *
 * <p>The statement is {@code WITH pgrst_mutation AS (<INSERT|UPDATE|DELETE ... RETURNING ...>) SELECT ...} and
 * returns one row: {@code page_total} (rows written), {@code body} (the representation, or null), the response
 * settings, and the extra columns {@link #EXISTING}, {@link #LOCATION} and {@link #KEY_MISMATCH} where asked for.
 */
public final class WriteRenderer {

    /** Extra column: body rows whose conflict key already existed (upserts, to tell 200 from 201). */
    public static final String EXISTING = "pgrst_existing";
    /** Extra column: JSON array of the primary key values (as text) of the only written row. */
    public static final String LOCATION = "pgrst_location";
    /** Extra column: body rows whose primary key differs from the PUT URL's. */
    public static final String KEY_MISMATCH = "pgrst_key_mismatch";

    private WriteRenderer() {}

    /** The statement of a write. */
    public static Sql render(WritePlan plan) {
        return switch (plan) {
            case WritePlan.Insert insert -> insert(insert);
            case WritePlan.Update update -> update(update);
            case WritePlan.Delete delete -> delete(delete);
        };
    }

    /** An insert, an upsert or a PUT, as {@code mode} says. */
    private static Sql insert(WritePlan.Insert plan) {
        RelationInfo relation = plan.relation();
        Rows rows = plan.rows();
        InsertMode mode = plan.mode();
        Output output = plan.output();
        List<ColumnInfo> typed = recordColumns(rows.columns(), mode);
        var with = new Sql().append("WITH pgrst_body AS (SELECT ");
        bodyColumns(with, typed);
        with.append(" FROM ");
        if (rows.defaults()) {
            with.append("jsonb_to_recordset((SELECT jsonb_agg(");
            withDefaults(with, rows.columns());
            with.append(" || pgrst_e) FROM jsonb_array_elements(")
                    .param(rows.json())
                    .append("::jsonb) AS pgrst_e)) AS _(");
        } else {
            with.append("json_to_recordset(").param(rows.json()).append("::json) AS _(");
        }
        if (typed.isEmpty()) {
            // json_to_recordset needs a column: count rows with an always-present dummy
            with.append("pgrst_none text");
        }
        recordTypes(with, typed);
        with.append(")), pgrst_mutation AS (INSERT INTO ")
                .ident(relation.schema())
                .append(".")
                .ident(relation.name());
        if (!rows.columns().isEmpty()) {
            with.append("(");
            columnList(with, rows.columns(), null);
            with.append(")");
        }
        with.append(" SELECT ");
        columnList(with, rows.columns(), "pgrst_b");
        with.append(" FROM pgrst_body AS pgrst_b");
        if (mode instanceof InsertMode.Put put) {
            with.append(" WHERE ");
            keyMatch(with, put.key(), "pgrst_b", true);
        }
        List<ColumnInfo> target = mode.target();
        if (target != null) {
            with.append(" ON CONFLICT (");
            columnList(with, target, null);
            with.append(")");
            if (mode.merges() && !rows.columns().isEmpty()) {
                with.append(" DO UPDATE SET ");
                for (int c = 0; c < rows.columns().size(); c++) {
                    if (c > 0) {
                        with.append(", ");
                    }
                    String name = rows.columns().get(c).name();
                    with.ident(name).append(" = EXCLUDED.").ident(name);
                }
            } else {
                with.append(" DO NOTHING");
            }
        }
        returning(with, relation, output);
        with.append(") ");

        var extras = new Sql();
        if (mode.merges()) {
            List<ColumnInfo> key = target;
            extras.append(", (SELECT pg_catalog.count(*) FROM pgrst_body AS pgrst_b WHERE EXISTS (SELECT 1 FROM ")
                    .ident(relation.schema())
                    .append(".")
                    .ident(relation.name())
                    .append(" WHERE ");
            for (int c = 0; c < key.size(); c++) {
                if (c > 0) {
                    extras.append(" AND ");
                }
                extras.ident(relation.name())
                        .append(".")
                        .ident(key.get(c).name())
                        .append(" = pgrst_b.")
                        .ident(key.get(c).name());
            }
            extras.append(")) AS ").append(EXISTING);
        }
        if (mode instanceof InsertMode.Put put) {
            extras.append(", (SELECT pg_catalog.count(*) FROM pgrst_body AS pgrst_b WHERE NOT (");
            keyMatch(extras, put.key(), "pgrst_b", false);
            extras.append(")) AS ").append(KEY_MISMATCH);
        }
        return result(with, relation, output, extras);
    }

    /**
     * {@code UPDATE t SET c = body.c, d = DEFAULT FROM (json_to_recordset(body)) WHERE <filters>}; without columns a
     * no-op that writes nothing.
     */
    private static Sql update(WritePlan.Update plan) {
        RelationInfo relation = plan.relation();
        List<ColumnInfo> set = plan.set();
        List<ColumnInfo> toDefault = plan.toDefault();
        Output output = plan.output();
        var with = new Sql().append("WITH pgrst_mutation AS (");
        if (set.isEmpty() && toDefault.isEmpty()) {
            // PostgREST answers an empty PATCH without writing: SELECT ... WHERE false
            with.append("SELECT ");
            returnedColumns(with, relation, output.returned());
            with.append(" FROM ")
                    .ident(relation.schema())
                    .append(".")
                    .ident(relation.name())
                    .append(" WHERE false");
        } else {
            with.append("UPDATE ")
                    .ident(relation.schema())
                    .append(".")
                    .ident(relation.name())
                    .append(" SET ");
            boolean first = true;
            for (ColumnInfo c : set) {
                with.append(first ? "" : ", ")
                        .ident(c.name())
                        .append(" = pgrst_b.")
                        .ident(c.name());
                first = false;
            }
            for (ColumnInfo c : toDefault) {
                with.append(first ? "" : ", ").ident(c.name()).append(" = DEFAULT");
                first = false;
            }
            if (!set.isEmpty()) {
                with.append(" FROM (SELECT ");
                bodyColumns(with, set);
                with.append(" FROM json_to_recordset(").param(plan.json()).append("::json) AS _(");
                recordTypes(with, set);
                with.append(")) AS pgrst_b");
            }
            where(with, plan.where());
            returning(with, relation, output);
        }
        with.append(") ");
        return result(with, relation, output, new Sql());
    }

    /** {@code DELETE FROM t WHERE <filters>}. */
    private static Sql delete(WritePlan.Delete plan) {
        RelationInfo relation = plan.relation();
        Output output = plan.output();
        var with = new Sql()
                .append("WITH pgrst_mutation AS (DELETE FROM ")
                .ident(relation.schema())
                .append(".")
                .ident(relation.name());
        where(with, plan.where());
        returning(with, relation, output);
        with.append(") ");
        return result(with, relation, output, new Sql());
    }

    /**
     * What the body's rows select: {@code *}, unless a column's domain has a cast from json (PostgREST's domain
     * representations): then each column by name, those through the cast's function.
     */
    private static void bodyColumns(Sql sql, List<ColumnInfo> columns) {
        if (columns.stream().allMatch(c -> c.representation().fromJson() == null)) {
            sql.append("*");
            return;
        }
        for (int c = 0; c < columns.size(); c++) {
            ColumnInfo column = columns.get(c);
            sql.append(c > 0 ? ", " : "");
            if (column.representation().fromJson() == null) {
                sql.ident(column.name());
            } else {
                OutputRenderer.call(sql, column.representation().fromJson());
                sql.ident(column.name()).append(") AS ").ident(column.name());
            }
        }
    }

    /** The record's column definitions: the declared types, {@code json} where a cast from json parses the value. */
    private static void recordTypes(Sql sql, List<ColumnInfo> columns) {
        for (int c = 0; c < columns.size(); c++) {
            ColumnInfo column = columns.get(c);
            sql.append(c > 0 ? ", " : "")
                    .ident(column.name())
                    .append(" ")
                    .append(column.representation().fromJson() == null ? column.sqlType() : "json");
        }
    }

    /** The columns json_to_recordset must produce: the inserted ones plus the keys the extra columns read. */
    private static List<ColumnInfo> recordColumns(List<ColumnInfo> inserted, InsertMode mode) {
        var all = new LinkedHashMap<String, ColumnInfo>();
        inserted.forEach(c -> all.put(c.name(), c));
        if (mode.merges()) {
            mode.target().forEach(c -> all.putIfAbsent(c.name(), c));
        }
        if (mode instanceof InsertMode.Put put) {
            put.key().forEach(k -> all.putIfAbsent(k.column().name(), k.column()));
        }
        return List.copyOf(all.values());
    }

    private static void keyMatch(Sql sql, List<KeyValue> key, String alias, boolean plain) {
        for (int i = 0; i < key.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            sql.append(alias).append(".").ident(key.get(i).column().name());
            // the mismatch count must also catch a missing (null) key
            sql.append(plain ? " = " : " IS NOT DISTINCT FROM ");
            ConditionRenderer.parsed(
                    sql,
                    key.get(i).column().representation().fromText(),
                    key.get(i).value());
        }
    }

    /**
     * {@code jsonb_build_object('c', <default of c>, ...)} over the columns with a default: PostgREST's statement
     * evaluates each default for every row, then lets the row's own keys win.
     */
    private static void withDefaults(Sql sql, List<ColumnInfo> columns) {
        sql.append("jsonb_build_object(");
        boolean first = true;
        for (ColumnInfo c : columns) {
            if (c.omittedValue() != null) {
                sql.append(first ? "" : ", ")
                        .append(Sql.quoteLiteral(c.name()))
                        .append(", ")
                        .append(c.omittedValue());
                first = false;
            }
        }
        sql.append(")");
    }

    private static void columnList(Sql sql, List<ColumnInfo> columns, String alias) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            if (alias != null) {
                sql.append(alias).append(".");
            }
            sql.ident(columns.get(i).name());
        }
    }

    private static void where(Sql sql, List<ConditionPlan> conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        sql.append(" WHERE ").append(ConditionRenderer.conjunction(conditions));
    }

    /**
     * Only what the response reads (the plan's returned columns), else a constant (which needs no SELECT privilege, so
     * INSERT-only tables accept {@code return=minimal}).
     */
    private static void returning(Sql sql, RelationInfo relation, Output output) {
        sql.append(" RETURNING ");
        returnedColumns(sql, relation, output.returned());
    }

    private static void returnedColumns(Sql sql, RelationInfo relation, List<ColumnInfo> columns) {
        if (columns.isEmpty()) {
            sql.append("1 AS pgrst_row");
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.ident(relation.name()).append(".").ident(columns.get(i).name());
        }
    }

    private static Sql result(Sql with, RelationInfo relation, Output output, Sql extras) {
        var sql = new Sql().append(with);
        boolean representation = output.returning() == Returning.REPRESENTATION;
        if (representation) {
            // the written rows shaped like a read of the relation, rendered like one
            sql.append(", pgrst_source AS (")
                    .append(ReadRenderer.rows(output.representation()))
                    .append(") ");
        }
        // page_total comes first: scanning the CTE runs the write before the response GUCs are read
        sql.append("SELECT (SELECT pg_catalog.count(*) FROM pgrst_mutation) AS page_total, ");
        if (representation) {
            sql.append("(SELECT ")
                    .append(BodyRenderer.body(output.shape(), "pgrst_source", output.handler()))
                    .append(" FROM pgrst_source _postgrest_t)");
        } else {
            sql.append("NULL::text");
        }
        sql.append(" AS body");
        if (output.returning() == Returning.HEADERS_ONLY
                && !relation.primaryKey().isEmpty()) {
            sql.append(", (SELECT json_build_array(");
            for (int i = 0; i < relation.primaryKey().size(); i++) {
                sql.append(i > 0 ? ", " : "")
                        .ident(relation.primaryKey().get(i))
                        .append("::text");
            }
            sql.append(")::text FROM pgrst_mutation LIMIT 1) AS ").append(LOCATION);
        }
        sql.append(extras);
        return ResponseTail.append(sql);
    }
}
