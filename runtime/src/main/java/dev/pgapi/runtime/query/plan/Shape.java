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
    /**
     * GeoJSON: a FeatureCollection of PostGIS's {@code ST_AsGeoJSON} of each row, PostgREST's built-in handler for
     * {@code application/geo+json}; without PostGIS, PostgreSQL's 42883 as PostgREST answers it
     */
    GEOJSON,
    /** a media type handler's value ({@link HandlerPlan}) */
    HANDLER,
    /** no body (HEAD) */
    NONE
}
