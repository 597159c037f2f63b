package dev.pgapi.generator.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Everything pgapi knows about a database: the exposed schemas with their relations, functions and types, and the
 * roles. Built by {@link CatalogReader} from {@code pg_catalog} or read back from a committed snapshot
 * ({@link CatalogSnapshot}); every list is sorted so that the snapshot is deterministic.
 *
 * @param formatVersion  snapshot format, bumped on incompatible changes
 * @param serverMajor    PostgreSQL major version the catalog was read from (error texts differ across majors)
 * @param schemas        the introspected schemas, sorted by name
 * @param roles          the cluster's roles other than {@code pg_*} roles and the bootstrap superuser, sorted by name
 * @param domainCasts    the database's implicit function casts between a domain and json or text (in any schema, as
 *                       PostgREST reads them), sorted by source then target
 */
public record Catalog(
        int formatVersion, int serverMajor, List<Schema> schemas, List<Role> roles, List<DomainCast> domainCasts) {

    public static final int FORMAT_VERSION = 3;

    public Catalog {
        schemas = List.copyOf(schemas);
        roles = List.copyOf(roles);
        domainCasts = List.copyOf(domainCasts);
    }

    public Optional<Schema> schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
