package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.CallPlan;
import dev.pgapi.runtime.query.plan.HandlerPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import java.util.List;

/**
 * Renders a call. Named arguments travel as one JSON object bound as a parameter and typed by {@code json_to_record}
 * with the declared parameter types; a single unnamed parameter receives the whole body. The call runs once in a
 * materialized CTE ({@code pgrst_source}); the page of its result ({@code pgrst_page}) is read like a table.
 */
public final class CallRenderer {

    /** Extra column: the exact count of the filtered result, when asked for. */
    public static final String TOTAL = "pgrst_total";

    private CallRenderer() {}

    /** The call statement. */
    public static Sql render(CallPlan plan) {
        FunctionInfo f = plan.function();
        CallPlan.Arguments args = plan.arguments();
        var call = new Sql().ident(f.schema()).append(".").ident(f.name()).append("(");
        var from = new Sql();
        if (args.body() != null) {
            call.param(args.body()).append("::").append(f.bodyParameter().sqlType());
        } else {
            List<ParamInfo> passed = args.passed();
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

        var sql = new Sql()
                .append("WITH pgrst_source AS MATERIALIZED (")
                .append(source)
                .append("), pgrst_page AS (")
                .append(page(plan.result()))
                .append(") SELECT pg_catalog.count(_postgrest_t) AS page_total, ")
                .append(
                        f.returns() == FunctionInfo.ReturnShape.VOID
                                ? "NULL::text"
                                : body(f, plan.shape(), plan.handler()))
                .append(" AS body");
        if (plan.count()) {
            sql.append(", (SELECT pg_catalog.count(*) FROM (")
                    .append(
                            plan.result() instanceof CallPlan.Result.Rows rows
                                    ? ReadRenderer.countRows(rows.page())
                                    : new Sql().append("SELECT 1 FROM pgrst_source"))
                    .append(") _pgrst_c) AS ")
                    .append(TOTAL);
        }
        return ResponseTail.append(sql).append(" FROM pgrst_page _postgrest_t");
    }

    private static Sql page(CallPlan.Result result) {
        return switch (result) {
            case CallPlan.Result.Rows rows -> ReadRenderer.rows(rows.page());
            case CallPlan.Result.Scalars scalars -> {
                var page = new Sql().append("SELECT pgrst_scalar FROM pgrst_source");
                if (scalars.limit() != null) {
                    page.append(" LIMIT ").rowCount(scalars.limit());
                }
                if (scalars.offset() > 0) {
                    page.append(" OFFSET ").rowCount(scalars.offset());
                }
                yield page;
            }
        };
    }

    /**
     * The body over the page's rows, rendered as reads render theirs. A single composite is an object; scalars are
     * bare values (arrays of them for SETOF), and in CSV a column named {@code pgrst_scalar}, as in PostgREST.
     */
    private static String body(FunctionInfo f, Shape shape, HandlerPlan handler) {
        if (shape == Shape.HANDLER) {
            return BodyRenderer.body(shape, "pgrst_page", handler);
        }
        boolean rows = f.returns() == FunctionInfo.ReturnShape.COMPOSITE
                || f.returns() == FunctionInfo.ReturnShape.SETOF_COMPOSITE;
        if (rows || shape == Shape.CSV || shape == Shape.GEOJSON || shape == Shape.NONE) {
            Shape effective = shape;
            if (f.returns() == FunctionInfo.ReturnShape.COMPOSITE) {
                effective = switch (shape) {
                    case ARRAY -> Shape.OBJECT;
                    case ARRAY_STRIPPED -> Shape.OBJECT_STRIPPED;
                    default -> shape;
                };
            }
            return BodyRenderer.body(effective, "pgrst_page");
        }
        boolean one = f.returns() == FunctionInfo.ReturnShape.SCALAR
                || shape == Shape.OBJECT
                || shape == Shape.OBJECT_STRIPPED;
        String value = one ? "json_agg(_postgrest_t.pgrst_scalar)->0" : "json_agg(_postgrest_t.pgrst_scalar)";
        if (shape == Shape.ARRAY_STRIPPED || shape == Shape.OBJECT_STRIPPED) {
            value = "json_strip_nulls(" + value + ")";
        }
        return "coalesce(" + value + ", '" + (one ? "null" : "[]") + "')::text";
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
