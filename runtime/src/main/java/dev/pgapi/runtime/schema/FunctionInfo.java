package dev.pgapi.runtime.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function exposed at {@code /rpc/<name>}. Generated descriptors spell it out with named steps, starting from a
 * {@code VOLATILE} function without arguments that returns {@code void}:
 * <pre>{@code
 * FunctionInfo.function("api", "add")
 *         .withParams(ParamInfo.param("a", "integer", ValueKind.INTEGER), ...)
 *         .returning(FunctionInfo.ReturnShape.SCALAR, "integer")
 *         .immutable()
 * }</pre>
 *
 * @param schema      schema name
 * @param name        function name
 * @param params      input arguments in declaration order
 * @param returns     the shape of the result
 * @param returnType  the declared return type as written in SQL
 * @param volatility  how the function may run: STABLE and IMMUTABLE functions run in a read-only transaction
 * @param columns     the columns of the result rows (table row type, {@code RETURNS TABLE}, OUT parameters,
 *                    composite type), so that results can be selected, filtered and ordered like a table; empty for
 *                    scalars and plain {@code record}
 * @param settings    {@code SET name = value} clauses of the function by name; those named in
 *                    {@code db-hoisted-tx-settings} apply to the whole transaction of a call
 * @param rowsOf      when the function returns a table's or view's row type (one or a set): that relation of the
 *                    function's schema, else null
 * @param mediaHandlers  media type handlers of its result, in PostgREST's order of precedence
 */
public record FunctionInfo(
        String schema,
        String name,
        List<ParamInfo> params,
        ReturnShape returns,
        String returnType,
        Volatility volatility,
        List<ColumnInfo> columns,
        Map<String, String> settings,
        String rowsOf,
        List<MediaHandlerInfo> mediaHandlers) {

    public FunctionInfo {
        params = List.copyOf(params);
        columns = List.copyOf(columns);
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        mediaHandlers = List.copyOf(mediaHandlers);
    }

    /** A function without media type handlers. */
    public FunctionInfo(
            String schema,
            String name,
            List<ParamInfo> params,
            ReturnShape returns,
            String returnType,
            Volatility volatility,
            List<ColumnInfo> columns,
            Map<String, String> settings,
            String rowsOf) {
        this(schema, name, params, returns, returnType, volatility, columns, settings, rowsOf, List.of());
    }

    /** A function without {@code SET} clauses. */
    public FunctionInfo(
            String schema,
            String name,
            List<ParamInfo> params,
            ReturnShape returns,
            String returnType,
            Volatility volatility,
            List<ColumnInfo> columns) {
        this(schema, name, params, returns, returnType, volatility, columns, Map.of(), null);
    }

    /** A function with {@code SET} clauses, not returning a relation's rows. */
    public FunctionInfo(
            String schema,
            String name,
            List<ParamInfo> params,
            ReturnShape returns,
            String returnType,
            Volatility volatility,
            List<ColumnInfo> columns,
            Map<String, String> settings) {
        this(schema, name, params, returns, returnType, volatility, columns, settings, null);
    }

    /** {@code schema.name()}: no arguments, returns {@code void}, {@code VOLATILE}, no {@code SET} clauses. */
    public static FunctionInfo function(String schema, String name) {
        return new FunctionInfo(
                schema, name, List.of(), ReturnShape.VOID, "void", Volatility.VOLATILE, List.of(), Map.of(), null);
    }

    /** The same function with these input arguments, in declaration order. */
    public FunctionInfo withParams(ParamInfo... params) {
        return new FunctionInfo(
                schema,
                name,
                List.of(params),
                returns,
                returnType,
                volatility,
                columns,
                settings,
                rowsOf,
                mediaHandlers);
    }

    /** The same function returning {@code returnType} (as written in SQL), which PostgREST renders as {@code shape}. */
    public FunctionInfo returning(ReturnShape shape, String returnType) {
        return new FunctionInfo(
                schema, name, params, shape, returnType, volatility, columns, settings, rowsOf, mediaHandlers);
    }

    /** The same function, declared {@code STABLE}. */
    public FunctionInfo stable() {
        return new FunctionInfo(
                schema, name, params, returns, returnType, Volatility.STABLE, columns, settings, rowsOf, mediaHandlers);
    }

    /** The same function, declared {@code IMMUTABLE}. */
    public FunctionInfo immutable() {
        return new FunctionInfo(
                schema,
                name,
                params,
                returns,
                returnType,
                Volatility.IMMUTABLE,
                columns,
                settings,
                rowsOf,
                mediaHandlers);
    }

    /** The same function with these result columns. */
    public FunctionInfo withColumns(ColumnInfo... columns) {
        return new FunctionInfo(
                schema,
                name,
                params,
                returns,
                returnType,
                volatility,
                List.of(columns),
                settings,
                rowsOf,
                mediaHandlers);
    }

    /**
     * The same function returning rows of the relation {@code schema.relation} (its row type): the result embeds
     * through that relation's relationships and reads its computed fields, and PostgreSQL's errors about its columns
     * name the relation, as PostgREST plans such a call.
     */
    public FunctionInfo rowsOf(String relation) {
        return new FunctionInfo(
                schema, name, params, returns, returnType, volatility, columns, settings, relation, mediaHandlers);
    }

    /** The same function with these {@code SET} clauses. */
    public FunctionInfo withSettings(Map<String, String> settings) {
        return new FunctionInfo(
                schema, name, params, returns, returnType, volatility, columns, settings, rowsOf, mediaHandlers);
    }

    /** The same function with these media type handlers, in PostgREST's order of precedence. */
    public FunctionInfo withMediaHandlers(MediaHandlerInfo... handlers) {
        return new FunctionInfo(
                schema, name, params, returns, returnType, volatility, columns, settings, rowsOf, List.of(handlers));
    }

    /**
     * The parameter that takes the whole request body: the only parameter, unnamed (json, jsonb, text, xml or
     * bytea), or null.
     */
    public ParamInfo bodyParameter() {
        return params.size() == 1 && params.getFirst().name().isEmpty() ? params.getFirst() : null;
    }

    /** The result shapes PostgREST distinguishes. */
    public enum ReturnShape {
        /** a single scalar value, rendered as a bare JSON value */
        SCALAR,
        /** {@code SETOF scalar}: a JSON array of values */
        SETOF_SCALAR,
        /** a single composite value: a JSON object */
        COMPOSITE,
        /** {@code SETOF composite} or {@code RETURNS TABLE}: a JSON array of objects, filterable like a table */
        SETOF_COMPOSITE,
        /** {@code void}: 204 without a body */
        VOID
    }

    /** {@code provolatile}. */
    public enum Volatility {
        VOLATILE,
        STABLE,
        IMMUTABLE
    }
}
