package dev.pgapi.generator.catalog;

/**
 * An implicit cast through a function between a domain and {@code json} or {@code text}: what PostgREST's domain
 * representations use to show a domain's values in JSON and to parse them from filters and request bodies.
 *
 * @param source          the type cast from, as written in SQL (schema-qualified unless built in)
 * @param target          the type cast to, same spelling
 * @param functionSchema  the schema of the cast's function
 * @param functionName    the name of the cast's function
 */
public record DomainCast(String source, String target, String functionSchema, String functionName) {}
