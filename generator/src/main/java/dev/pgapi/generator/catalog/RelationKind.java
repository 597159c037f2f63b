package dev.pgapi.generator.catalog;

/** {@code pg_class.relkind} values that PostgREST exposes as resources. */
public enum RelationKind {
    TABLE,
    PARTITIONED_TABLE,
    VIEW,
    MATERIALIZED_VIEW,
    FOREIGN_TABLE;

    public boolean isView() {
        return this == VIEW || this == MATERIALIZED_VIEW;
    }
}
