package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves {@code /rpc/<fn>} to one overload and renders the call. Arguments travel as one JSON object bound as a
 * parameter and typed by {@code json_to_record} with the declared parameter types, so PostgreSQL converts them
 * exactly as PostgREST's calls do.
 */
public final class CallPlanner {

    private CallPlanner() {
    }

    /** The overload whose parameters fit the given argument names (PostgREST's rule), or PGRST202/PGRST203. */
    public static FunctionInfo resolve(List<FunctionInfo> overloads, Set<String> argumentNames) {
        var matches = overloads.stream().filter(f -> accepts(f, argumentNames)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        FunctionInfo any = overloads.getFirst();
        String qualified = any.schema() + "." + any.name();
        if (matches.isEmpty()) {
            String sortedArgs = argumentNames.stream().sorted().collect(Collectors.joining(", "));
            String message = argumentNames.isEmpty()
                    ? "Could not find the function " + qualified + " without parameters in the schema cache"
                    : "Could not find the function " + qualified + "(" + sortedArgs + ") in the schema cache";
            String details = argumentNames.isEmpty()
                    ? "Searched for the function " + qualified
                            + " without parameters, but no matches were found in the schema cache."
                    : "Searched for the function " + qualified + " with parameter(s) " + sortedArgs
                            + ", but no matches were found in the schema cache.";
            String hint = "Perhaps you meant to call the function " + qualified + "("
                    + any.params().stream().map(ParamInfo::name).collect(Collectors.joining(", ")) + ")";
            throw ApiError.of(404, "PGRST202", message, details, hint);
        }
        String candidates = matches.stream()
                .map(f -> qualified + "(" + f.params().stream().map(p -> p.name() + " => " + p.sqlType())
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
        throw ApiError.of(300, "PGRST203", "Could not choose the best candidate function between: " + candidates,
                null, "Try renaming the parameters or the function itself in the database so function overloading"
                        + " can be resolved");
    }

    private static boolean accepts(FunctionInfo f, Set<String> names) {
        Set<String> all = f.params().stream().map(ParamInfo::name).collect(Collectors.toSet());
        boolean requiredPresent = f.params().stream().filter(p -> !p.hasDefault()).allMatch(p -> names.contains(p.name()));
        return requiredPresent && all.containsAll(names);
    }

    /**
     * The call statement.
     *
     * @param f              the resolved function
     * @param argumentsJson  a JSON object with the arguments (keys are parameter names)
     * @param argumentNames  the keys present, so that omitted parameters take their defaults
     * @param bodyless       true for HEAD: no body is rendered
     */
    public static Sql plan(FunctionInfo f, String argumentsJson, Set<String> argumentNames, boolean bodyless) {
        var passed = new ArrayList<ParamInfo>();
        for (ParamInfo p : f.params()) {
            if (argumentNames.contains(p.name())) {
                passed.add(p);
            }
        }
        var call = new Sql().ident(f.schema()).append(".").ident(f.name()).append("(");
        for (int i = 0; i < passed.size(); i++) {
            ParamInfo p = passed.get(i);
            if (i > 0) {
                call.append(", ");
            }
            if (p.variadic()) {
                call.append("VARIADIC ");
            }
            call.ident(p.name()).append(" := _pgrst_args.").ident(p.name());
        }
        call.append(")");

        var from = new Sql();
        if (!passed.isEmpty()) {
            from.append(" FROM json_to_record(").param(argumentsJson).append("::json) AS _pgrst_args(");
            for (int i = 0; i < passed.size(); i++) {
                if (i > 0) {
                    from.append(", ");
                }
                from.ident(passed.get(i).name()).append(" ").append(passed.get(i).sqlType());
            }
            from.append(")");
        }

        var source = new Sql();
        String body;
        switch (f.returns()) {
            case SCALAR, VOID -> {
                source.append("SELECT ").append(call).append(" AS pgrst_scalar").append(from);
                body = "coalesce(json_agg(_pgrst_t.pgrst_scalar)->0, 'null')";
            }
            case SETOF_SCALAR -> {
                source.append("SELECT pgrst_call AS pgrst_scalar");
                fromClause(source, from, call);
                body = "coalesce(json_agg(_pgrst_t.pgrst_scalar), '[]')";
            }
            case COMPOSITE -> {
                source.append("SELECT pgrst_call.*");
                fromClause(source, from, call);
                body = "coalesce(json_agg(_pgrst_t)->0, 'null')";
            }
            default -> {
                source.append("SELECT pgrst_call.*");
                fromClause(source, from, call);
                body = "coalesce(json_agg(_pgrst_t), '[]')";
            }
        }
        var sql = new Sql().append("SELECT pg_catalog.count(_pgrst_t) AS page_total, ")
                .append(bodyless || f.returns() == FunctionInfo.ReturnShape.VOID ? "NULL::text" : body + "::text")
                .append(" AS body, nullif(current_setting('response.headers', true), '') AS response_headers,"
                        + " nullif(current_setting('response.status', true), '') AS response_status FROM (")
                .append(source).append(") _pgrst_t");
        return sql;
    }

    /** {@code FROM json_to_record(...) AS args, LATERAL f(...) pgrst_call}, or {@code FROM f() pgrst_call}. */
    private static void fromClause(Sql source, Sql from, Sql call) {
        if (from.isEmpty()) {
            source.append(" FROM ").append(call).append(" pgrst_call");
        } else {
            source.append(from).append(", LATERAL ").append(call).append(" pgrst_call");
        }
    }
}
