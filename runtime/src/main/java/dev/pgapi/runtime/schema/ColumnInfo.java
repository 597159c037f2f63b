package dev.pgapi.runtime.schema;

/**
 * A column as the generated code describes it to the runtime. Generated descriptors spell it out with the named
 * steps: {@code ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull().defaultsTo("nextval(...)")}, and for a
 * domain with casts to and from JSON or text (PostgREST's domain representations)
 * {@code ColumnInfo.column("id", "api.app_uuid", ValueKind.UUID).toJsonWith("api", "json").fromTextWith("api",
 * "app_uuid")}.
 *
 * @param name          column name (used as an SQL identifier, always quoted)
 * @param sqlType       the type as written in SQL ({@code integer}, {@code api."Mood"}, {@code text[]})
 * @param kind          value class used to reject impossible filter values before the database sees them
 * @param nullable      false for NOT NULL columns
 * @param hasDefault    true when an INSERT may omit it
 * @param omittedValue  the SQL expression (from the catalog) an omitted value takes under
 *                      {@code Prefer: missing=default}, or null: PostgREST evaluates it once per row of the body
 * @param representation  the casts of the column's domain to and from JSON and text, {@link Representation#NONE}
 *                        for none
 */
public record ColumnInfo(
        String name,
        String sqlType,
        ValueKind kind,
        boolean nullable,
        boolean hasDefault,
        String omittedValue,
        Representation representation) {

    public ColumnInfo {
        if (representation == null) {
            representation = Representation.NONE;
        }
    }

    public ColumnInfo(String name, String sqlType, ValueKind kind, boolean nullable, boolean hasDefault) {
        this(name, sqlType, kind, nullable, hasDefault, null, Representation.NONE);
    }

    public ColumnInfo(
            String name, String sqlType, ValueKind kind, boolean nullable, boolean hasDefault, String omittedValue) {
        this(name, sqlType, kind, nullable, hasDefault, omittedValue, Representation.NONE);
    }

    /** A nullable column without a default. */
    public static ColumnInfo column(String name, String sqlType, ValueKind kind) {
        return new ColumnInfo(name, sqlType, kind, true, false, null, Representation.NONE);
    }

    /** The same column, {@code NOT NULL}. */
    public ColumnInfo notNull() {
        return new ColumnInfo(name, sqlType, kind, false, hasDefault, omittedValue, representation);
    }

    /** The same column with a default: an omitted value becomes {@code expression}. */
    public ColumnInfo defaultsTo(String expression) {
        return new ColumnInfo(name, sqlType, kind, nullable, true, expression, representation);
    }

    /** The same column, filled by PostgreSQL itself (generated, or an identity {@code ALWAYS}): it may be omitted. */
    public ColumnInfo generated() {
        return new ColumnInfo(name, sqlType, kind, nullable, true, null, representation);
    }

    /** The same column, rendered in JSON output by {@code schema.function} (the cast {@code (domain AS json)}). */
    public ColumnInfo toJsonWith(String schema, String function) {
        return with(new Representation(
                new Representation.CastFunction(schema, function),
                representation.fromText(),
                representation.fromJson()));
    }

    /** The same column, its filter values parsed by {@code schema.function} (the cast {@code (text AS domain)}). */
    public ColumnInfo fromTextWith(String schema, String function) {
        return with(new Representation(
                representation.toJson(), new Representation.CastFunction(schema, function), representation.fromJson()));
    }

    /** The same column, its body values parsed by {@code schema.function} (the cast {@code (json AS domain)}). */
    public ColumnInfo fromJsonWith(String schema, String function) {
        return with(new Representation(
                representation.toJson(), representation.fromText(), new Representation.CastFunction(schema, function)));
    }

    private ColumnInfo with(Representation casts) {
        return new ColumnInfo(name, sqlType, kind, nullable, hasDefault, omittedValue, casts);
    }
}
