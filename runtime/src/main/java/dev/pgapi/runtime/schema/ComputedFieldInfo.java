package dev.pgapi.runtime.schema;

/**
 * A computed field: a function {@code schema.name(relation)} returning a scalar, selectable, filterable and orderable
 * like a column of the relation (but not part of {@code *}). Generated descriptors spell it out as
 * {@code ComputedFieldInfo.function("api", "full_name").returning("text", ValueKind.TEXT)}.
 *
 * @param schema   the function's schema
 * @param name     the function's name, which is the field's name
 * @param sqlType  the function's return type as written in SQL
 * @param kind     value class used to reject impossible filter values before the database sees them
 */
public record ComputedFieldInfo(String schema, String name, String sqlType, ValueKind kind) {

    /** The field computed by {@code schema.name(row)}; its result type follows with {@link #returning}. */
    public static ComputedFieldInfo function(String schema, String name) {
        return new ComputedFieldInfo(schema, name, null, ValueKind.OTHER);
    }

    /** The same field with the function's result type. */
    public ComputedFieldInfo returning(String sqlType, ValueKind kind) {
        return new ComputedFieldInfo(schema, name, sqlType, kind);
    }

    /** The field seen as a column: nullable, without a default. */
    public ColumnInfo asColumn() {
        return new ColumnInfo(name, sqlType, kind, true, false);
    }
}
