package dev.pgapi.generator.model;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.MediaHandler;
import dev.pgapi.generator.catalog.RelationRef;
import dev.pgapi.generator.catalog.Schema;
import dev.pgapi.generator.catalog.TypeCategory;
import dev.pgapi.generator.catalog.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgREST 16's media type handlers of an endpoint: aggregates of the exposed schemas over its relation's row type,
 * aggregates over {@code anyelement} (handlers of every endpoint) and, for a function, the domain it returns. A
 * domain named after one of PostgREST's vendor types ({@code application/vnd.pgrst.*}) is never a handler: PostgREST
 * answers those itself.
 */
public final class MediaHandlers {

    /** A domain name PostgREST reads as a media type (RFC 6838 characters), or the wildcard. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[A-Za-z0-9.-]+/[A-Za-z0-9.+-]+$");

    /** What applies a handler (the runtime's {@code MediaHandlerInfo.Kind}). */
    public enum Kind {
        AGGREGATE,
        ANY_ELEMENT,
        RETURNED
    }

    /**
     * One handler of an endpoint.
     *
     * @param mediaType  the domain's name
     * @param kind       what applies it
     * @param schema     the aggregate's schema, null for {@link Kind#RETURNED}
     * @param name       the aggregate's name, null for {@link Kind#RETURNED}
     * @param bytea      the domain is stored as {@code bytea}
     */
    public record Handler(String mediaType, Kind kind, String schema, String name, boolean bytea) {}

    private MediaHandlers() {}

    /** Whether PostgREST takes a domain of this name for a media type it may handle. */
    static boolean handles(String domainName) {
        return (domainName.equals("*/*") || MEDIA_TYPE.matcher(domainName).matches())
                && !domainName.toLowerCase(Locale.ROOT).startsWith("application/vnd.pgrst.");
    }

    /** The handlers of reads of {@code relation}. */
    static List<Handler> ofRelation(Catalog catalog, List<String> schemas, RelationRef relation) {
        var out = new ArrayList<Handler>();
        var taken = new HashSet<String>();
        aggregates(catalog, schemas, relation, Kind.AGGREGATE, out, taken);
        aggregates(catalog, schemas, null, Kind.ANY_ELEMENT, out, new HashSet<>());
        return out;
    }

    /**
     * The handlers of calls of {@code f} in {@code schema}: the domain it returns (not for a set), the aggregates over
     * the relation of its schema named like its result's row type (as PostgREST reads such a result), then
     * {@code anyelement}'s.
     */
    static List<Handler> ofFunction(Catalog catalog, List<String> schemas, String schema, Function f) {
        var out = new ArrayList<Handler>();
        var taken = new HashSet<String>();
        TypeRef type = f.returnType();
        if (!f.returnsSet() && type.baseType() != null && type.arrayDepth() == 0 && handles(type.name())) {
            out.add(new Handler(type.name(), Kind.RETURNED, null, null, type.category() == TypeCategory.BINARY));
            taken.add(type.name().toLowerCase(Locale.ROOT));
        }
        if (f.returnRelation() != null && f.returnRelation().schema().equals(schema)) {
            aggregates(
                    catalog, schemas, new RelationRef(schema, f.returnRelation().name()), Kind.AGGREGATE, out, taken);
        }
        aggregates(catalog, schemas, null, Kind.ANY_ELEMENT, out, new HashSet<>());
        return out;
    }

    /** Aggregates over {@code target} (null: {@code anyelement}); the first of each media type wins. */
    private static void aggregates(
            Catalog catalog,
            List<String> schemas,
            RelationRef target,
            Kind kind,
            List<Handler> out,
            Set<String> taken) {
        for (String schemaName : schemas) {
            Schema schema = catalog.schema(schemaName).orElse(null);
            if (schema == null) {
                continue;
            }
            for (MediaHandler h : schema.mediaHandlers()) {
                boolean matches = target == null ? h.target() == null : target.equals(h.target());
                if (matches && handles(h.mediaType()) && taken.add(h.mediaType().toLowerCase(Locale.ROOT))) {
                    out.add(new Handler(h.mediaType(), kind, schemaName, h.name(), h.bytea()));
                }
            }
        }
    }
}
