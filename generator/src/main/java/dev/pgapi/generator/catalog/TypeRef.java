package dev.pgapi.generator.catalog;

/**
 * A reference to a PostgreSQL type.
 *
 * @param sql       the type as it must be written in SQL, schema-qualified and quoted where needed, with typmod
 *                  ({@code integer}, {@code character varying(64)}, {@code api."Mood"}, {@code integer[]})
 * @param schema    the schema of the base type ({@code pg_catalog} for built-ins)
 * @param name      the type name without schema, typmod or array brackets ({@code int4}, {@code varchar}, {@code Mood})
 * @param category  what kind of type it is (of the element type for arrays, of the storage type for domains)
 * @param arrayDepth 0 for scalars, 1 for {@code x[]}; PostgreSQL does not record more, so multi-dimensional arrays
 *                   read as 1
 * @param baseType  domains only: the {@code sql} of the type the domain is stored as (domains over domains are followed
 *                  down to the first non-domain type; for an array of a domain, that type with {@code []}); else null
 */
public record TypeRef(String sql, String schema, String name, TypeCategory category, int arrayDepth, String baseType) {}
