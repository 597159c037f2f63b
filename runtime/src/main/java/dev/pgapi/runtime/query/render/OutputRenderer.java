package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Field;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.Expr;
import dev.pgapi.runtime.query.plan.FieldRef;
import dev.pgapi.runtime.query.plan.Output;
import dev.pgapi.runtime.schema.Representation;
import java.util.List;
import java.util.Locale;

/** Renders select lists and the values they, filters and order terms read. */
public final class OutputRenderer {

    /** The column a to-many embed's subquery aggregates its rows into. */
    public static final String AGG = "pgrst_agg";

    private OutputRenderer() {}

    /** {@code a, b AS "x", ...}. */
    public static void outputs(Sql sql, List<Output> outputs) {
        for (int i = 0; i < outputs.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            output(sql, outputs.get(i));
        }
    }

    static void output(Sql sql, Output output) {
        expr(sql, output.expr());
        if (output.name() != null) {
            sql.append(" AS ").ident(output.name());
        }
    }

    static void expr(Sql sql, Expr expr) {
        switch (expr) {
            case Expr.Value v -> field(sql, v.field());
            case Expr.AllColumns a -> sql.ident(a.alias()).append(".*");
            case Expr.WholeRow w -> sql.ident(w.alias());
            case Expr.Represented r -> {
                call(sql, r.function());
                expr(sql, r.value());
                sql.append(")");
            }
            case Expr.Cast c -> {
                sql.append("CAST(");
                expr(sql, c.expr());
                sql.append(" AS ").append(c.type()).append(")");
            }
            case Expr.Aggregate a -> {
                if (a.cast() != null) {
                    sql.append("CAST(");
                }
                sql.append(a.function().toUpperCase(Locale.ROOT)).append("(");
                expr(sql, a.argument());
                sql.append(")");
                if (a.cast() != null) {
                    sql.append(" AS ").append(a.cast()).append(")");
                }
            }
            case Expr.LateralColumn l -> sql.ident(l.lateral()).append(".").ident(l.column());
            case Expr.EmbeddedObject o ->
                sql.append("row_to_json(").ident(o.lateral()).append(".*)::jsonb");
            case Expr.EmbeddedArray a ->
                sql.append("COALESCE(")
                        .ident(a.lateral())
                        .append(".")
                        .ident(AGG)
                        .append(", '[]'::jsonb)");
        }
    }

    /** {@code "schema"."function"(}: the opening of a call of a domain representation's cast function. */
    static void call(Sql sql, Representation.CastFunction function) {
        sql.ident(function.schema()).append(".").ident(function.name()).append("(");
    }

    /** The value followed by {@code ->}/{@code ->>} steps whose keys are bind parameters. */
    public static void field(Sql sql, FieldRef field) {
        String value = value(field.value());
        if (field.path().isEmpty()) {
            sql.append(value);
            return;
        }
        boolean json = field.sqlType().equals("json") || field.sqlType().equals("jsonb");
        sql.append(json ? value : "to_jsonb(" + value + ")");
        for (Field.JsonStep step : field.path()) {
            sql.append(step.asText() ? "->>" : "->");
            sql.append("(").param(step.key()).append(step.index() ? "::integer)" : "::text)");
        }
    }

    private static String value(FieldRef.RowValue value) {
        return switch (value) {
            case FieldRef.ColumnValue c -> Sql.quoteIdent(c.row()) + "." + Sql.quoteIdent(c.name());
            case FieldRef.ComputedValue c ->
                Sql.quoteIdent(c.schema()) + "." + Sql.quoteIdent(c.function()) + "(" + Sql.quoteIdent(c.row()) + "::"
                        + Sql.quoteIdent(c.relationSchema()) + "." + Sql.quoteIdent(c.relationName()) + ")";
        };
    }
}
