package dev.pgapi.runtime.query;

/**
 * One term of {@code order=}.
 *
 * @param field       the column
 * @param descending  {@code .desc}
 * @param nulls       {@code FIRST}, {@code LAST}, or null for PostgreSQL's default
 */
public record OrderTerm(Field field, boolean descending, String nulls) {
}
