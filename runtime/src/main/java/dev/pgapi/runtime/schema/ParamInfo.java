package dev.pgapi.runtime.schema;

/**
 * An input argument of a function. Generated descriptors spell it out with the named factories and steps:
 * {@code ParamInfo.param("b", "integer", ValueKind.INTEGER).optional()},
 * {@code ParamInfo.variadicParam("words", "text[]", ValueKind.OTHER)}.
 *
 * @param name        argument name
 * @param sqlType     its type as written in SQL
 * @param kind        value class for early checks
 * @param hasDefault  callers may omit it
 * @param variadic    declared VARIADIC
 */
public record ParamInfo(String name, String sqlType, ValueKind kind, boolean hasDefault, boolean variadic) {

    /** A required, non-variadic argument. */
    public static ParamInfo param(String name, String sqlType, ValueKind kind) {
        return new ParamInfo(name, sqlType, kind, false, false);
    }

    /** A {@code VARIADIC} argument (always the last one), required. */
    public static ParamInfo variadicParam(String name, String sqlType, ValueKind kind) {
        return new ParamInfo(name, sqlType, kind, false, true);
    }

    /** The same argument with a {@code DEFAULT}: callers may omit it. */
    public ParamInfo optional() {
        return new ParamInfo(name, sqlType, kind, true, variadic);
    }
}
