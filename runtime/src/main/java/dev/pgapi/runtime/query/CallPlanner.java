package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.plan.CallPlan;
import dev.pgapi.runtime.query.plan.HandlerPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.MediaHandlerInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves {@code /rpc/<fn>} to one overload and plans the call ({@link dev.pgapi.runtime.query.render.CallRenderer}
 * renders it). Named arguments travel as one JSON object bound
 * as a parameter and typed by {@code json_to_record} with the declared parameter types, so PostgreSQL converts them
 * exactly as PostgREST's calls do; a function with a single unnamed parameter receives the whole body.
 *
 * <p>The call runs once in a materialized CTE; rows of functions with known result columns are then read like a
 * table ({@code select}, filters, {@code order}, {@code limit}/{@code offset}) by {@link ReadPlanner}.
 */
public final class CallPlanner {

    /** Body media types and the parameter types that take such a body whole (PostgREST's rule). */
    private static final Map<String, Set<String>> BODY_PARAMETER_TYPES = Map.of(
            "application/json", Set.of("json", "jsonb"),
            "text/plain", Set.of("text"),
            "text/xml", Set.of("xml"),
            "application/octet-stream", Set.of("bytea"));

    private CallPlanner() {}

    /**
     * The overload whose named parameters fit the argument names (PostgREST's rule); failing that, one taking the
     * whole body of {@code bodyMediaType} (null for GET); else PGRST202, or PGRST203 when several fit.
     */
    public static FunctionInfo resolve(List<FunctionInfo> overloads, Set<String> argumentNames, String bodyMediaType) {
        var matches = overloads.stream()
                .filter(f -> f.bodyParameter() == null && accepts(f, argumentNames))
                .toList();
        if (matches.isEmpty() && bodyMediaType != null) {
            Set<String> types = BODY_PARAMETER_TYPES.getOrDefault(bodyMediaType, Set.of());
            matches = overloads.stream()
                    .filter(f -> f.bodyParameter() != null
                            && types.contains(f.bodyParameter().sqlType()))
                    .toList();
        }
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        FunctionInfo any = overloads.getFirst();
        String qualified = any.schema() + "." + any.name();
        if (matches.isEmpty()) {
            throw notFound(overloads, argumentNames, qualified);
        }
        String candidates = matches.stream()
                .map(f -> qualified + "("
                        + f.params().stream()
                                .map(p -> p.name() + " => " + p.sqlType())
                                .collect(Collectors.joining(", "))
                        + ")")
                .collect(Collectors.joining(", "));
        throw ApiErrors.ambiguousFunction(candidates);
    }

    private static ApiError notFound(List<FunctionInfo> overloads, Set<String> names, String qualified) {
        // the closest overload: most of the given names, fewest others
        FunctionInfo closest = overloads.stream()
                .max(Comparator.comparingLong((FunctionInfo f) -> f.params().stream()
                                .filter(p -> names.contains(p.name()))
                                .count())
                        .thenComparingLong(f -> -f.params().size()))
                .orElseThrow();
        return ApiErrors.noFunction(
                qualified,
                names.stream().sorted().toList(),
                qualified + "(" + closest.params().stream().map(ParamInfo::name).collect(Collectors.joining(", "))
                        + ")");
    }

    private static boolean accepts(FunctionInfo f, Set<String> names) {
        Set<String> all = f.params().stream().map(ParamInfo::name).collect(Collectors.toSet());
        boolean requiredPresent =
                f.params().stream().filter(p -> !p.hasDefault()).allMatch(p -> names.contains(p.name()));
        return requiredPresent && all.containsAll(names);
    }

    /**
     * The arguments of a call.
     *
     * @param json   named arguments as a JSON object (keys are parameter names), or null for a body parameter
     * @param names  the keys present, so that omitted parameters take their defaults
     * @param body   the whole body for a function's single unnamed parameter, else null
     */
    public record Arguments(String json, Set<String> names, String body) {}

    /**
     * What the response needs.
     *
     * @param query     select, filters, order and paging on the result (rows with known columns)
     * @param maxRows   {@code db-max-rows}, or null
     * @param shape     how the body is rendered (the negotiated media type; {@link Shape#NONE} for HEAD)
     * @param count     also compute the exact count of the filtered result ({@link dev.pgapi.runtime.query.render.CallRenderer#TOTAL})
     * @param handler   the media type handler for {@link Shape#HANDLER}, else null
     */
    public record Output(ReadQuery query, Long maxRows, Shape shape, boolean count, MediaHandlerInfo handler) {

        public Output(ReadQuery query, Long maxRows, Shape shape, boolean count) {
            this(query, maxRows, shape, count, null);
        }
    }

    /**
     * The plan of the call and of the read of its result. A result of a relation's rows ({@link FunctionInfo#rowsOf})
     * reads like that relation: its relationships embed, its computed fields select, errors name it.
     */
    public static CallPlan plan(FunctionInfo f, Arguments args, Output output, RelationLookup lookup) {
        CallPlan.Arguments arguments;
        if (args.body() != null) {
            arguments = new CallPlan.Arguments(args.body(), null, List.of());
        } else {
            var passed = new ArrayList<ParamInfo>();
            for (ParamInfo p : f.params()) {
                if (args.names().contains(p.name())) {
                    passed.add(p);
                }
            }
            arguments = new CallPlan.Arguments(null, args.json(), passed);
        }
        boolean rows = f.returns() == FunctionInfo.ReturnShape.COMPOSITE
                || f.returns() == FunctionInfo.ReturnShape.SETOF_COMPOSITE;
        // other rows are named like the function, as PostgREST names them
        RelationInfo result = rows && f.rowsOf() != null
                ? lookup.find(f.schema(), f.rowsOf()).orElseGet(() -> functionRows(f, true))
                : functionRows(f, rows);
        CallPlan.Result page = rows
                ? new CallPlan.Result.Rows(ReadPlanner.level(
                        result, output.query(), lookup, output.maxRows(), new Sql().append("pgrst_source")))
                : scalarPage(result, output.query(), output.maxRows(), f);
        // an aggregate over a relation's row type reads the rows as the relation of the function's schema, as PostgREST
        HandlerPlan handler = output.handler() == null
                ? null
                : new HandlerPlan(output.handler(), f.schema(), rows ? f.rowsOf() : null, !rows);
        return new CallPlan(f, arguments, page, output.shape(), output.count(), handler);
    }

    private static RelationInfo functionRows(FunctionInfo f, boolean rows) {
        return new RelationInfo(f.schema(), f.name(), rows ? f.columns() : List.of(), List.of(), false, false, false);
    }

    /**
     * Scalar results have no columns to select, filter or order by: those are PostgreSQL's 42703 as for an unknown
     * column; {@code limit}/{@code offset} apply to set-returning functions.
     */
    private static CallPlan.Result scalarPage(RelationInfo result, ReadQuery query, Long maxRows, FunctionInfo f) {
        for (SelectItem item : query.select()) {
            if (item instanceof SelectItem.Column column) {
                ReadPlanner.column(result, column.field().name());
            }
        }
        if (!query.where().isEmpty() || !query.order().isEmpty()) {
            String name = query.order().isEmpty()
                    ? firstField(query.where().getFirst())
                    : query.order().getFirst().field().name();
            ReadPlanner.column(result, name);
        }
        if (f.returns() != FunctionInfo.ReturnShape.SETOF_SCALAR) {
            return new CallPlan.Result.Scalars(null, 0);
        }
        return new CallPlan.Result.Scalars(ReadPlanner.effectiveLimit(query.limit(), maxRows), query.offset());
    }

    private static String firstField(Condition condition) {
        return switch (condition) {
            case Condition.Filter filter -> filter.field().name();
            case Condition.Logic logic -> firstField(logic.children().getFirst());
        };
    }
}
