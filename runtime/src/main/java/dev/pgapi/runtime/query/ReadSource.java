package dev.pgapi.runtime.query;

import dev.pgapi.runtime.schema.RelationInfo;

/**
 * What a read selects from: a relation, or any row source with a known shape, such as the rows a write returned
 * or a function's result.
 *
 * @param with   CTE definitions the source needs (e.g. {@code pgrst_mutation AS (INSERT ... RETURNING *)}), placed
 *               first in the statement's {@code WITH}; null or empty when none
 * @param from   what goes after {@code FROM}: a relation name, a CTE name, a function call or a parenthesised
 *               subquery; it is given an alias by the planner
 * @param shape  its columns (for {@code *}, name checks and typed early rejection) and the relationships it embeds
 *               through; errors name {@code shape.name()}
 */
public record ReadSource(Sql with, Sql from, RelationInfo shape) {

    /** Reading a relation itself. */
    public static ReadSource relation(RelationInfo relation) {
        return new ReadSource(
                null, new Sql().ident(relation.schema()).append(".").ident(relation.name()), relation);
    }
}
