package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves {@code /rpc/<fn>} to one overload and renders the call. Named arguments travel as one JSON object bound
 * as a parameter and typed by {@code json_to_record} with the declared parameter types, so PostgreSQL converts them
 * exactly as PostgREST's calls do; a function with a single unnamed parameter receives the whole body.
 *
 * <p>The call runs once in a materialized CTE; rows of functions with known result columns are then read like a
 * table ({@code select}, filters, {@code order}, {@code limit}/{@code offset}) by {@link ReadPlanner}.
 */
public final class CallPlanner {

    /** Extra column: the exact count of the filtered result, when asked for. */
    public static final String TOTAL = "pgrst_total";

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
     * @param shape     how the body is rendered (the negotiated media type; {@link ReadPlanner.Shape#NONE} for HEAD)
     * @param count     also compute the exact count of the filtered result ({@link #TOTAL})
     */
    public record Output(ReadQuery query, Long maxRows, ReadPlanner.Shape shape, boolean count) {}

    /** Function results embed nothing yet: their descriptors carry no relationships. */
    private static final RelationLookup NO_EMBEDS = RelationLookup.of(List.of());

    /** The call statement. */
    public static Sql plan(FunctionInfo f, Arguments args, Output output) {
        var call = new Sql().ident(f.schema()).append(".").ident(f.name()).append("(");
        var from = new Sql();
        if (args.body() != null) {
            call.param(args.body()).append("::").append(f.bodyParameter().sqlType());
        } else {
            var passed = new ArrayList<ParamInfo>();
            for (ParamInfo p : f.params()) {
                if (args.names().contains(p.name())) {
                    passed.add(p);
                }
            }
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
            if (!passed.isEmpty()) {
                from.append(" FROM json_to_record(").param(args.json()).append("::json) AS _pgrst_args(");
                for (int i = 0; i < passed.size(); i++) {
                    if (i > 0) {
                        from.append(", ");
                    }
                    from.ident(passed.get(i).name())
                            .append(" ")
                            .append(passed.get(i).sqlType());
                }
                from.append(")");
            }
        }
        call.append(")");

        boolean rows = f.returns() == FunctionInfo.ReturnShape.COMPOSITE
                || f.returns() == FunctionInfo.ReturnShape.SETOF_COMPOSITE;
        var source = new Sql();
        switch (f.returns()) {
            case SCALAR, VOID ->
                source.append("SELECT ").append(call).append(" AS pgrst_scalar").append(from);
            case SETOF_SCALAR -> {
                source.append("SELECT pgrst_call AS pgrst_scalar");
                fromClause(source, from, call);
            }
            default -> {
                source.append("SELECT pgrst_call.*");
                fromClause(source, from, call);
            }
        }

        // the function's rows, named like the function so that filters read "fn"."column"
        var result =
                new RelationInfo(f.schema(), f.name(), rows ? f.columns() : List.of(), List.of(), false, false, false);
        ReadQuery query = output.query();
        var cte = new Sql().append("pgrst_source");
        Sql page = rows
                ? ReadPlanner.select(result, query, NO_EMBEDS, output.maxRows(), cte)
                : scalarPage(result, query, output.maxRows(), f);
        var sql = new Sql()
                .append("WITH pgrst_source AS MATERIALIZED (")
                .append(source)
                .append("), pgrst_page AS (")
                .append(page)
                .append(") SELECT pg_catalog.count(_postgrest_t) AS page_total, ")
                .append(f.returns() == FunctionInfo.ReturnShape.VOID ? "NULL::text" : body(f, output.shape()))
                .append(" AS body");
        if (output.count()) {
            sql.append(", (SELECT pg_catalog.count(*) FROM (")
                    .append(
                            rows
                                    ? ReadPlanner.countSource(result, query, NO_EMBEDS, cte)
                                    : new Sql().append("SELECT 1 FROM pgrst_source"))
                    .append(") _pgrst_c) AS ")
                    .append(TOTAL);
        }
        sql.append(", nullif(current_setting('response.headers', true), '') AS response_headers,"
                + " nullif(current_setting('response.status', true), '') AS response_status"
                + " FROM pgrst_page _postgrest_t");
        return sql;
    }

    /**
     * The body over the page's rows, rendered as reads render theirs. A single composite is an object; scalars are
     * bare values (arrays of them for SETOF), and in CSV a column named {@code pgrst_scalar}, as in PostgREST.
     */
    private static String body(FunctionInfo f, ReadPlanner.Shape shape) {
        boolean rows = f.returns() == FunctionInfo.ReturnShape.COMPOSITE
                || f.returns() == FunctionInfo.ReturnShape.SETOF_COMPOSITE;
        if (rows
                || shape == ReadPlanner.Shape.CSV
                || shape == ReadPlanner.Shape.GEOJSON
                || shape == ReadPlanner.Shape.NONE) {
            ReadPlanner.Shape effective = shape;
            if (f.returns() == FunctionInfo.ReturnShape.COMPOSITE) {
                effective = switch (shape) {
                    case ARRAY -> ReadPlanner.Shape.OBJECT;
                    case ARRAY_STRIPPED -> ReadPlanner.Shape.OBJECT_STRIPPED;
                    default -> shape;
                };
            }
            return ReadPlanner.body(effective, "pgrst_page");
        }
        boolean one = f.returns() == FunctionInfo.ReturnShape.SCALAR
                || shape == ReadPlanner.Shape.OBJECT
                || shape == ReadPlanner.Shape.OBJECT_STRIPPED;
        String value = one ? "json_agg(_postgrest_t.pgrst_scalar)->0" : "json_agg(_postgrest_t.pgrst_scalar)";
        if (shape == ReadPlanner.Shape.ARRAY_STRIPPED || shape == ReadPlanner.Shape.OBJECT_STRIPPED) {
            value = "json_strip_nulls(" + value + ")";
        }
        return "coalesce(" + value + ", '" + (one ? "null" : "[]") + "')::text";
    }

    /**
     * Scalar results have no columns to select, filter or order by: those are PostgreSQL's 42703 as for an unknown
     * column; {@code limit}/{@code offset} apply.
     */
    private static Sql scalarPage(RelationInfo result, ReadQuery query, Long maxRows, FunctionInfo f) {
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
        var page = new Sql().append("SELECT pgrst_scalar FROM pgrst_source");
        Long limit = ReadPlanner.effectiveLimit(query.limit(), maxRows);
        if (f.returns() == FunctionInfo.ReturnShape.SETOF_SCALAR) {
            if (limit != null) {
                page.append(" LIMIT ").rowCount(limit);
            }
            if (query.offset() > 0) {
                page.append(" OFFSET ").rowCount(query.offset());
            }
        }
        return page;
    }

    private static String firstField(Condition condition) {
        return switch (condition) {
            case Condition.Filter filter -> filter.field().name();
            case Condition.Logic logic -> firstField(logic.children().getFirst());
        };
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
