package dev.pgapi.generator.catalog;

/**
 * An aggregate that PostgREST 16 treats as a media type handler: one argument, a relation's row type (or
 * {@code anyelement}), returning a domain named after a media type.
 *
 * @param name       the aggregate's name (its schema is the one holding it)
 * @param mediaType  the domain's name, e.g. {@code text/html}; the wildcard for any media type
 * @param bytea      the domain is stored as {@code bytea}
 * @param target     the relation whose row type it takes, or null for {@code anyelement}
 */
public record MediaHandler(String name, String mediaType, boolean bytea, RelationRef target) {}
