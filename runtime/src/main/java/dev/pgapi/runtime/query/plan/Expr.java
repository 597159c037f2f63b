package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.schema.Representation;

/** An expression of a level's select list. */
public sealed interface Expr {

    /** A column or computed field with its JSON path. */
    record Value(FieldRef field) implements Expr {}

    /** {@code "alias".*}: every column of the level's row. */
    record AllColumns(String alias) implements Expr {}

    /** {@code "alias"}: the row itself (what a to-one spread hands its parent to count). */
    record WholeRow(String alias) implements Expr {}

    /**
     * {@code "schema"."function"(value)}: a value of a domain as its cast to json renders it (PostgREST's domain
     * representations).
     */
    record Represented(Representation.CastFunction function, Expr value) implements Expr {}

    /** {@code CAST(expr AS type)}; {@code type} is one of the castable type names. */
    record Cast(Expr expr, String type) implements Expr {}

    /** {@code FUNCTION(argument)}, or {@code CAST(FUNCTION(argument) AS cast)} when {@code cast} is not null. */
    record Aggregate(String function, Expr argument, String cast) implements Expr {}

    /** {@code "lateral"."column"}: a column an embed's subquery selected. */
    record LateralColumn(String lateral, String column) implements Expr {}

    /** {@code row_to_json("lateral".*)::jsonb}: a to-one embed as an object. */
    record EmbeddedObject(String lateral) implements Expr {}

    /** {@code COALESCE("lateral"."pgrst_agg", '[]'::jsonb)}: a to-many embed as an array. */
    record EmbeddedArray(String lateral) implements Expr {}
}
