package dev.pgapi.runtime.schema;

/**
 * A column as the generated code describes it to the runtime. Generated descriptors spell it out with the named
 * steps: {@code ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull().defaultsTo("nextval(...)")}.
 *
 * @param name          column name (used as an SQL identifier, always quoted)
 * @param sqlType       the type as written in SQL ({@code integer}, {@code api."Mood"}, {@code text[]})
 * @param kind          value class used to reject impossible filter values before the database sees them
 * @param nullable      false for NOT NULL columns
 * @param hasDefault    true when an INSERT may omit it
 * @param omittedValue  the SQL expression (from the catalog) an omitted value takes under
 *                      {@code Prefer: missing=default}, or null: PostgREST evaluates it once per row of the body
 */
public record ColumnInfo(
        String name, String sqlType, ValueKind kind, boolean nullable, boolean hasDefault, String omittedValue) {

    public ColumnInfo(String name, String sqlType, ValueKind kind, boolean nullable, boolean hasDefault) {
        this(name, sqlType, kind, nullable, hasDefault, null);
    }

    /** A nullable column without a default. */
    public static ColumnInfo column(String name, String sqlType, ValueKind kind) {
        return new ColumnInfo(name, sqlType, kind, true, false, null);
    }

    /** The same column, {@code NOT NULL}. */
    public ColumnInfo notNull() {
        return new ColumnInfo(name, sqlType, kind, false, hasDefault, omittedValue);
    }

    /** The same column with a default: an omitted value becomes {@code expression}. */
    public ColumnInfo defaultsTo(String expression) {
        return new ColumnInfo(name, sqlType, kind, nullable, true, expression);
    }

    /** The same column, filled by PostgreSQL itself (generated, or an identity {@code ALWAYS}): it may be omitted. */
    public ColumnInfo generated() {
        return new ColumnInfo(name, sqlType, kind, nullable, true, null);
    }
}
