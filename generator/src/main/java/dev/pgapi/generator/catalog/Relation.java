package dev.pgapi.generator.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A table-like object that PostgREST exposes as {@code /<name>}.
 *
 * @param name         relation name
 * @param kind         what it is
 * @param comment      {@code COMMENT ON}, or null
 * @param columns      columns in ordinal order (dropped columns excluded)
 * @param primaryKey   primary key column names in key order; empty when there is none
 * @param uniqueKeys   unique constraints and unique indexes without predicate or expressions, sorted by name
 * @param foreignKeys  foreign keys declared on this relation, sorted by name
 * @param insertable   INSERT possible (tables; auto-updatable views or views with INSTEAD OF INSERT triggers)
 * @param updatable    UPDATE possible, same rules
 * @param deletable    DELETE possible, same rules
 * @param rlsEnabled   {@code relrowsecurity}
 * @param rlsForced    {@code relforcerowsecurity}
 * @param policies     row-level security policies, sorted by name
 * @param grants       table-level privileges, sorted by role then privilege
 * @param securityInvoker views only: {@code security_invoker=true} (views otherwise run with the owner's rights)
 */
public record Relation(
        String name,
        RelationKind kind,
        String comment,
        List<Column> columns,
        List<String> primaryKey,
        List<UniqueKey> uniqueKeys,
        List<ForeignKey> foreignKeys,
        boolean insertable,
        boolean updatable,
        boolean deletable,
        boolean rlsEnabled,
        boolean rlsForced,
        List<Policy> policies,
        List<Grant> grants,
        boolean securityInvoker) {

    public Relation {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = List.copyOf(uniqueKeys);
        foreignKeys = List.copyOf(foreignKeys);
        policies = List.copyOf(policies);
        grants = List.copyOf(grants);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
