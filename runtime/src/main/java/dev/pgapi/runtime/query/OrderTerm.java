package dev.pgapi.runtime.query;

/**
 * One term of {@code order=}.
 *
 * @param relation    for a related order {@code clients(name)}: the embed's name or alias; else null
 * @param field       the column
 * @param descending  {@code .desc}
 * @param nulls       {@code FIRST}, {@code LAST}, or null for PostgreSQL's default
 */
public record OrderTerm(String relation, Field field, boolean descending, String nulls) {

    public OrderTerm(Field field, boolean descending, String nulls) {
        this(null, field, descending, nulls);
    }
}
