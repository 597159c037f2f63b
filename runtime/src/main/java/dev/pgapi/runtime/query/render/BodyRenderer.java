package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.plan.Shape;

/** The body aggregate: reads, write representations and function results render their bodies with it. */
public final class BodyRenderer {

    private BodyRenderer() {}

    /** The body over the rows of the CTE {@code rows}, read as {@code FROM <rows> _postgrest_t}. */
    public static String body(Shape shape, String rows) {
        return switch (shape) {
            case ARRAY -> "coalesce(json_agg(_postgrest_t), '[]')::text";
            case ARRAY_STRIPPED -> "coalesce(json_strip_nulls(json_agg(_postgrest_t)), '[]')::text";
            case OBJECT -> "coalesce(json_agg(_postgrest_t)->0, 'null')::text";
            case OBJECT_STRIPPED -> "coalesce(json_strip_nulls(json_agg(_postgrest_t)->0), 'null')::text";
            // PostgREST's CSV: the keys of the first row, then each row's record text without its parentheses
            case CSV ->
                "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text AS k"
                        + " FROM (SELECT row_to_json(hh) AS r FROM " + rows + " AS hh LIMIT 1) s) a) || '\n' || "
                        + "coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'),"
                        + " '')";
            // resolved through the search path, as PostgREST does (PostGIS often lives in db-extra-search-path)
            case GEOJSON ->
                "json_build_object('type', 'FeatureCollection', 'features',"
                        + " coalesce(json_agg(ST_AsGeoJSON(_postgrest_t)::json), '[]'))::text";
            case NONE -> "NULL::text";
        };
    }
}
