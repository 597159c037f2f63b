package dev.pgapi.runtime.query.plan;

/** How the body of a response is rendered. */
public enum Shape {
    /** a JSON array of rows */
    ARRAY,
    /** a JSON array of rows without null-valued keys */
    ARRAY_STRIPPED,
    /** the first row as an object ({@code null} when none); the caller checks that there was exactly one */
    OBJECT,
    /** {@link #OBJECT} without null-valued keys */
    OBJECT_STRIPPED,
    /** CSV: a header line and one line per row in PostgreSQL's record text form */
    CSV,
    /** no body (HEAD) */
    NONE
}
