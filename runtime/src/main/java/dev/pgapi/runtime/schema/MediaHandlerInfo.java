package dev.pgapi.runtime.schema;

import java.util.Locale;
import java.util.Set;

/**
 * A media type handler, as PostgREST 16 finds them: a domain named after a media type (an aggregate over a relation's
 * rows, or over {@code anyelement}, returning it; or the function called returning it) answers an {@code Accept} of
 * that media type. Generated descriptors spell it out with named steps:
 * <pre>{@code
 * MediaHandlerInfo.aggregate("text/html", "api", "html_agg")          // html_agg(api.lines) returns "text/html"
 * MediaHandlerInfo.anyElementAggregate("text/plain", "api", "lines")  // lines(anyelement) returns "text/plain"
 * MediaHandlerInfo.returned("image/png").binary()                     // the function returns "image/png" (bytea)
 * }</pre>
 * A domain named with the wildcard media type (any type) answers every {@code Accept} but PostgREST's own vendor types,
 * as {@code application/octet-stream}.
 *
 * @param mediaType  the domain's name
 * @param kind       what applies the handler
 * @param schema     the aggregate's schema; null for {@link Kind#RETURNED}
 * @param name       the aggregate's name; null for {@link Kind#RETURNED}
 * @param bytea      the domain is stored as {@code bytea}: the body is its bytes, else its text
 */
public record MediaHandlerInfo(String mediaType, Kind kind, String schema, String name, boolean bytea) {

    /** The wildcard media type, whose handler answers every {@code Accept}. */
    public static final String ANY = "*/*";

    /** Media types PostgREST knows by name: it sends them with {@code charset=utf-8}. */
    private static final Set<String> CHARSET = Set.of(
            "application/json",
            "application/geo+json",
            "text/csv",
            "text/plain",
            "text/xml",
            "application/openapi+json",
            "application/x-www-form-urlencoded");

    /** What applies a handler. */
    public enum Kind {
        /** an aggregate over the relation's row type, applied to the selected rows cast to it */
        AGGREGATE,
        /** an aggregate over {@code anyelement}, applied to the rows (or a function's scalars) of any endpoint */
        ANY_ELEMENT,
        /** the function returns the domain: its value is the body */
        RETURNED
    }

    /** {@code schema.name(relation)}, an aggregate over the relation's row type returning the domain. */
    public static MediaHandlerInfo aggregate(String mediaType, String schema, String name) {
        return new MediaHandlerInfo(mediaType, Kind.AGGREGATE, schema, name, false);
    }

    /** {@code schema.name(anyelement)}, an aggregate returning the domain: a handler of every endpoint. */
    public static MediaHandlerInfo anyElementAggregate(String mediaType, String schema, String name) {
        return new MediaHandlerInfo(mediaType, Kind.ANY_ELEMENT, schema, name, false);
    }

    /** The function returns the domain. */
    public static MediaHandlerInfo returned(String mediaType) {
        return new MediaHandlerInfo(mediaType, Kind.RETURNED, null, null, false);
    }

    /** The same handler of a domain stored as {@code bytea}. */
    public MediaHandlerInfo binary() {
        return new MediaHandlerInfo(mediaType, kind, schema, name, true);
    }

    /** The media type an {@code Accept} names it by (lower case, as PostgREST matches it). */
    public String key() {
        return mediaType.toLowerCase(Locale.ROOT);
    }

    /** Whether it is the wildcard handler. */
    public boolean any() {
        return ANY.equals(mediaType);
    }

    /**
     * The response's {@code Content-Type}, as PostgREST sends it: {@code application/octet-stream} for the wildcard,
     * the media types PostgREST knows with {@code charset=utf-8}, any other as the domain is named.
     */
    public String contentType() {
        if (any()) {
            return "application/octet-stream";
        }
        return CHARSET.contains(key()) ? key() + "; charset=utf-8" : mediaType;
    }
}
