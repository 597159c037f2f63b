package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import java.util.Locale;
import java.util.Set;

/** The types a client may cast to with {@code col::type}; anything else is PostgreSQL's 42704. */
final class CastTypes {

    private static final Set<String> CASTABLE = Set.of(
            "text",
            "varchar",
            "char",
            "name",
            "citext",
            "bool",
            "boolean",
            "int",
            "int2",
            "int4",
            "int8",
            "integer",
            "smallint",
            "bigint",
            "numeric",
            "decimal",
            "real",
            "float4",
            "float8",
            "double precision",
            "money",
            "json",
            "jsonb",
            "uuid",
            "date",
            "time",
            "timetz",
            "timestamp",
            "timestamptz",
            "interval",
            "bytea",
            "inet",
            "cidr",
            "macaddr",
            "tsvector",
            "xml",
            "oid");

    private CastTypes() {}

    /** The type's name as SQL writes it; 42704 for a type not in the list. */
    static String resolve(String requested) {
        String type = requested.toLowerCase(Locale.ROOT).strip();
        if (!CASTABLE.contains(type)) {
            throw ApiErrors.undefinedType(requested);
        }
        return type;
    }
}
