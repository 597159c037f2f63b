package dev.pgapi.generator.catalog;

import java.util.List;

/**
 * A function ({@code prokind = 'f'}).
 *
 * @param name             function name
 * @param arguments        all arguments in declaration order, OUT and TABLE columns included
 * @param returnType       the declared return type ({@code void}, a scalar, a composite or table row type, {@code record})
 * @param returnsSet       {@code SETOF} or {@code RETURNS TABLE}
 * @param returnRelation   when the return type is a table's or view's row type: that relation ({@code schema.name}
 *                         split), else null
 * @param volatility       {@code VOLATILE}, {@code STABLE} or {@code IMMUTABLE}
 * @param securityDefiner  {@code SECURITY DEFINER}
 * @param language         {@code sql}, {@code plpgsql}, ...
 * @param settings         {@code SET name = value} clauses as {@code name=value}, sorted
 * @param comment          {@code COMMENT ON FUNCTION}, or null
 * @param grants           EXECUTE grants ({@code PUBLIC} included unless revoked), sorted
 * @param source           the body as PostgreSQL keeps it ({@code prosrc}; for a SQL-standard body the whole
 *                         definition), for lint rules; null in snapshots written before it was recorded
 * @param oneRow           {@code SETOF ... ROWS 1}: the planner expects one row (a computed relationship through it
 *                         is to-one, as in PostgREST)
 */
public record Function(
        String name,
        List<Argument> arguments,
        TypeRef returnType,
        boolean returnsSet,
        RelationRef returnRelation,
        String volatility,
        boolean securityDefiner,
        String language,
        List<String> settings,
        String comment,
        List<Grant> grants,
        String source,
        boolean oneRow) {

    public Function {
        arguments = List.copyOf(arguments);
        settings = List.copyOf(settings);
        grants = List.copyOf(grants);
    }

    /** Arguments a caller passes: IN, INOUT and VARIADIC. */
    public List<Argument> inputs() {
        return arguments.stream().filter(Argument::isInput).toList();
    }
}
