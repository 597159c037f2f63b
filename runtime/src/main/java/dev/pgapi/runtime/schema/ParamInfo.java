package dev.pgapi.runtime.schema;

/**
 * An input argument of a function.
 *
 * @param name        argument name
 * @param sqlType     its type as written in SQL
 * @param kind        value class for early checks
 * @param hasDefault  callers may omit it
 * @param variadic    declared VARIADIC
 */
public record ParamInfo(String name, String sqlType, ValueKind kind, boolean hasDefault, boolean variadic) {
}
