package dev.pgapi.runtime.query.plan;

/**
 * One output column of a level.
 *
 * @param expr       what it selects
 * @param name       its output key ({@code AS "name"}), or null for PostgreSQL's own
 * @param aggregate  an aggregate: the automatic {@code GROUP BY} leaves it out
 */
public record Output(Expr expr, String name, boolean aggregate) {}
