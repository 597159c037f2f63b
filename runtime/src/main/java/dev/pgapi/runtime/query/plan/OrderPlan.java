package dev.pgapi.runtime.query.plan;

/**
 * One resolved term of {@code ORDER BY}.
 *
 * @param field       the ordered value (for {@code order=embed(col)} a column of the embed's subquery)
 * @param descending  {@code DESC}, else {@code ASC}
 * @param nulls       {@code FIRST}, {@code LAST}, or null for PostgreSQL's default
 */
public record OrderPlan(FieldRef field, boolean descending, String nulls) {}
