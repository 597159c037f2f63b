package dev.pgapi.generator.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One schema.
 *
 * @param name       schema name
 * @param comment    {@code COMMENT ON SCHEMA}, or null
 * @param usage      roles holding USAGE on the schema ({@code PUBLIC} for everyone), sorted
 * @param relations  tables, views, materialized views, foreign and partitioned tables (not partitions), sorted by name
 * @param functions  functions ({@code prokind = 'f'}, no trigger functions), sorted by name then argument types
 * @param types      enums, composites (not table row types), domains and ranges defined here, sorted by name
 * @param mediaHandlers  aggregates defined here that are media type handlers, sorted by media type, name and target
 *                   (empty in snapshots written before they were recorded)
 */
public record Schema(
        String name,
        String comment,
        List<String> usage,
        List<Relation> relations,
        List<Function> functions,
        List<UserType> types,
        List<MediaHandler> mediaHandlers) {

    /** A schema without media type handlers. */
    public Schema(
            String name,
            String comment,
            List<String> usage,
            List<Relation> relations,
            List<Function> functions,
            List<UserType> types) {
        this(name, comment, usage, relations, functions, types, List.of());
    }

    public Schema {
        usage = List.copyOf(usage);
        relations = List.copyOf(relations);
        functions = List.copyOf(functions);
        types = List.copyOf(types);
        mediaHandlers = List.copyOf(mediaHandlers);
    }

    public Optional<Relation> relation(String relationName) {
        return relations.stream().filter(r -> r.name().equals(relationName)).findFirst();
    }
}
