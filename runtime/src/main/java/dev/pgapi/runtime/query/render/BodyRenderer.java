package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.HandlerPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.MediaHandlerInfo;

/** The body aggregate: reads, write representations and function results render their bodies with it. */
public final class BodyRenderer {

    private BodyRenderer() {}

    /** The body over the rows of the CTE {@code rows}, read as {@code FROM <rows> _postgrest_t}. */
    public static String body(Shape shape, String rows) {
        return body(shape, rows, null);
    }

    /**
     * The body over the rows of the CTE {@code rows}, read as {@code FROM <rows> _postgrest_t}; {@code handler} renders
     * {@link Shape#HANDLER}.
     */
    public static String body(Shape shape, String rows, HandlerPlan handler) {
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
            case HANDLER -> handler(handler);
            case NONE -> "NULL::text";
        };
    }

    /**
     * A media type handler's value, as PostgREST applies it: the aggregate over the rows cast to the relation's row
     * type, over the rows (or a function's scalars) as they are for {@code anyelement}; a function's own value when it
     * returns the domain. Read as text, or as bytes for a domain stored as {@code bytea}.
     */
    private static String handler(HandlerPlan plan) {
        MediaHandlerInfo h = plan.handler();
        var sql = new Sql();
        switch (h.kind()) {
            case AGGREGATE ->
                sql.ident(h.schema())
                        .append(".")
                        .ident(h.name())
                        .append("(_postgrest_t::")
                        .ident(plan.schema())
                        .append(".")
                        .ident(plan.relation())
                        .append(")");
            case ANY_ELEMENT ->
                sql.ident(h.schema())
                        .append(".")
                        .ident(h.name())
                        .append(plan.scalars() ? "(_postgrest_t.pgrst_scalar)" : "(_postgrest_t)");
            // one value (the function does not return a set); aggregated beside the page's count
            case RETURNED -> sql.append("(array_agg(_postgrest_t.pgrst_scalar))[1]");
        }
        return sql.append(h.bytea() ? "::bytea" : "::text").text();
    }
}
