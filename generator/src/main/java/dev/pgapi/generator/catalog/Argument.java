package dev.pgapi.generator.catalog;

/**
 * A function argument.
 *
 * @param name        argument name; empty for unnamed arguments
 * @param type        its type
 * @param mode        {@code IN}, {@code OUT}, {@code INOUT}, {@code VARIADIC} or {@code TABLE}
 * @param hasDefault  true when a DEFAULT is declared (callers may omit it)
 */
public record Argument(String name, TypeRef type, String mode, boolean hasDefault) {
    public boolean isInput() {
        return mode.equals("IN") || mode.equals("INOUT") || mode.equals("VARIADIC");
    }
}
