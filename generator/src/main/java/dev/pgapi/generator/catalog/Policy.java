package dev.pgapi.generator.catalog;

import java.util.List;

/**
 * A row-level security policy.
 *
 * @param name        policy name
 * @param command     {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param permissive  false for {@code AS RESTRICTIVE}
 * @param roles       roles it applies to ({@code PUBLIC} for all), sorted
 * @param using       the USING expression, or null
 * @param check       the WITH CHECK expression, or null
 */
public record Policy(String name, String command, boolean permissive, List<String> roles, String using, String check) {
    public Policy {
        roles = List.copyOf(roles);
    }
}
