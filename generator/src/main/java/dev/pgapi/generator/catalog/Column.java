package dev.pgapi.generator.catalog;

import java.util.List;

/**
 * A column of a relation.
 *
 * @param name          column name
 * @param ordinal       {@code attnum}
 * @param type          the column's type
 * @param nullable      false for NOT NULL columns
 * @param defaultValue  the default expression as {@code pg_get_expr} renders it, or null
 * @param identity      {@code ALWAYS}, {@code BY_DEFAULT}, or null when not an identity column
 * @param generated     true for {@code GENERATED ALWAYS AS (...)} columns, stored or (PostgreSQL 18) virtual; their
 *                      expression is not recorded and {@code defaultValue} is null
 * @param omittedValue  the expression a value omitted from an INSERT takes, as PostgREST computes it for
 *                      {@code Prefer: missing=default}: the column default, else {@code nextval} of a
 *                      {@code BY DEFAULT} identity's sequence, else the domain's default; null when none
 * @param comment       {@code COMMENT ON COLUMN}, or null
 * @param source        views only: the base-table column this view column passes through, or null
 * @param grants        column-level privileges (beyond the table-level ones), sorted by role then privilege
 */
public record Column(
        String name,
        int ordinal,
        TypeRef type,
        boolean nullable,
        String defaultValue,
        String identity,
        boolean generated,
        String omittedValue,
        String comment,
        ColumnSource source,
        List<Grant> grants) {

    public Column {
        grants = List.copyOf(grants);
    }

    /** True when an INSERT may omit the column: it has a default, is an identity column or is generated. */
    public boolean hasDefault() {
        return defaultValue != null || identity != null || generated;
    }
}
