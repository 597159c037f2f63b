package dev.pgapi.runtime.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function exposed at {@code /rpc/<name>}.
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
 */
public record FunctionInfo(
        String schema,
        String name,
        List<ParamInfo> params,
        ReturnShape returns,
        String returnType,
        Volatility volatility,
        List<ColumnInfo> columns,
        Map<String, String> settings) {

    public FunctionInfo {
        params = List.copyOf(params);
        columns = List.copyOf(columns);
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    /** A function without {@code SET} clauses. */
    public FunctionInfo(String schema, String name, List<ParamInfo> params, ReturnShape returns, String returnType,
                        Volatility volatility, List<ColumnInfo> columns) {
        this(schema, name, params, returns, returnType, volatility, columns, Map.of());
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
