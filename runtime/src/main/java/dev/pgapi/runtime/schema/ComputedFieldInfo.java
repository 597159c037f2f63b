package dev.pgapi.runtime.schema;

/**
 * A computed field: a function {@code schema.name(relation)} returning a scalar, selectable, filterable and orderable
 * like a column of the relation (but not part of {@code *}).
 *
 * @param schema   the function's schema
 * @param name     the function's name, which is the field's name
 * @param sqlType  the function's return type as written in SQL
 * @param kind     value class used to reject impossible filter values before the database sees them
 */
public record ComputedFieldInfo(String schema, String name, String sqlType, ValueKind kind) {

    /** The field seen as a column: nullable, without a default. */
    public ColumnInfo asColumn() {
        return new ColumnInfo(name, sqlType, kind, true, false);
    }
}
