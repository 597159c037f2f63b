package dev.pgapi.runtime.schema;

/**
 * PostgREST's domain representations of a column whose type is a domain: the functions of the implicit casts
 * {@code (domain AS json)}, {@code (text AS domain)} and {@code (json AS domain)} the database defines. Each is null
 * when there is no such cast; PostgREST then reads and writes the column's value as PostgreSQL does.
 *
 * @param toJson    renders the value in JSON output (select lists, representations, function results)
 * @param fromText  parses a filter's value from the query string
 * @param fromJson  parses a value of the request body (insert, update, upsert)
 */
public record Representation(CastFunction toJson, CastFunction fromText, CastFunction fromJson) {

    /** No casts: the column's own type throughout. */
    public static final Representation NONE = new Representation(null, null, null);

    /**
     * A cast's function, called as {@code "schema"."name"(value)}.
     *
     * @param schema  the function's schema
     * @param name    the function's name
     */
    public record CastFunction(String schema, String name) {}
}
