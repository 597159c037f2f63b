package dev.pgapi.runtime.schema;

import java.util.List;

/**
 * A function exposed at {@code /rpc/<name>}.
 *
 * @param schema      schema name
 * @param name        function name
 * @param params      input arguments in declaration order
 * @param returns     the shape of the result
 * @param returnType  the declared return type as written in SQL
 * @param volatility  how the function may run: STABLE and IMMUTABLE functions run in a read-only transaction
 */
public record FunctionInfo(
        String schema,
        String name,
        List<ParamInfo> params,
        ReturnShape returns,
        String returnType,
        Volatility volatility) {

    public FunctionInfo {
        params = List.copyOf(params);
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
