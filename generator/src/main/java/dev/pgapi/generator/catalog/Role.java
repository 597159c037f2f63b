package dev.pgapi.generator.catalog;

import java.util.List;

/**
 * A database role.
 *
 * @param name       role name
 * @param login      {@code rolcanlogin}
 * @param inherit    {@code rolinherit}
 * @param bypassRls  {@code rolbypassrls} (superusers too)
 * @param memberOf   roles this role is a direct member of, sorted
 * @param settings   {@code ALTER ROLE ... SET} values for any database, as {@code name=value}, sorted
 */
public record Role(
        String name, boolean login, boolean inherit, boolean bypassRls, List<String> memberOf, List<String> settings) {
    public Role {
        memberOf = List.copyOf(memberOf);
        settings = List.copyOf(settings);
    }
}
