package dev.pgapi.generator.catalog;

/**
 * One privilege held by one role ({@code PUBLIC} for everyone).
 *
 * @param role       grantee role name or {@code PUBLIC}
 * @param privilege  {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code EXECUTE}, ...
 */
public record Grant(String role, String privilege) {}
