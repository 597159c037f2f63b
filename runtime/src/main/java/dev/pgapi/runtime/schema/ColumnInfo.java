package dev.pgapi.runtime.schema;

/**
 * A column as the generated code describes it to the runtime.
 *
 * @param name        column name (used as an SQL identifier, always quoted)
 * @param sqlType     the type as written in SQL ({@code integer}, {@code api."Mood"}, {@code text[]})
 * @param kind        value class used to reject impossible filter values before the database sees them
 * @param nullable    false for NOT NULL columns
 * @param hasDefault  true when an INSERT may omit it
 */
public record ColumnInfo(String name, String sqlType, ValueKind kind, boolean nullable, boolean hasDefault) {
}
