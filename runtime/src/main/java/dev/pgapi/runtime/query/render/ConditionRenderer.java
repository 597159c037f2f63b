package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Condition;
import dev.pgapi.runtime.query.Operator;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.EmbedPlan;
import dev.pgapi.runtime.schema.Representation;
import java.util.List;

/** Renders resolved conditions (reads, writes and calls alike) with every request value bound. */
public final class ConditionRenderer {

    private ConditionRenderer() {}

    /** {@code conditions} ANDed, without {@code WHERE}. */
    public static Sql conjunction(List<ConditionPlan> conditions) {
        var sql = new Sql();
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            condition(sql, conditions.get(i));
        }
        return sql;
    }

    public static void condition(Sql sql, ConditionPlan condition) {
        switch (condition) {
            case ConditionPlan.Comparison c -> comparison(sql, c);
            case ConditionPlan.EmbedPresence p ->
                sql.append(p.wantNull() ? "NOT (" : "(")
                        .append(present(p.embed()))
                        .append(")");
            case ConditionPlan.Logic logic -> {
                if (logic.negated()) {
                    sql.append("NOT ");
                }
                sql.append("(");
                for (int i = 0; i < logic.children().size(); i++) {
                    if (i > 0) {
                        sql.append(logic.conjunction() ? " AND " : " OR ");
                    }
                    condition(sql, logic.children().get(i));
                }
                sql.append(")");
            }
        }
    }

    /** True when the embed has a row (to-one) or at least one row (to-many). */
    static String present(EmbedPlan.Presence embed) {
        return embed.toOne()
                ? "row_to_json(" + Sql.quoteIdent(embed.lateral()) + ".*) IS NOT NULL"
                : Sql.quoteIdent(embed.lateral()) + "." + Sql.quoteIdent(OutputRenderer.AGG) + " IS NOT NULL";
    }

    private static void comparison(Sql sql, ConditionPlan.Comparison c) {
        Condition.Filter f = c.filter();
        Operator op = f.operator();
        if (f.negated()) {
            sql.append("NOT ");
        }
        sql.append("(");
        if (op.isFullTextSearch()) {
            fullTextSearch(sql, c);
        } else {
            OutputRenderer.field(sql, c.field());
            switch (op) {
                case IS ->
                    sql.append(" IS ")
                            .append(
                                    switch (f.value()) {
                                        case "null" -> "NULL";
                                        case "not_null" -> "NOT NULL";
                                        case "true" -> "TRUE";
                                        case "false" -> "FALSE";
                                        default -> "UNKNOWN";
                                    });
                case IN -> {
                    if (c.parser() == null) {
                        sql.append(" = ANY (").param(arrayLiteral(f.values())).append(")");
                    } else {
                        // each element through the cast's function, as PostgREST does: one array, unnested
                        sql.append(" = ANY (SELECT ");
                        OutputRenderer.call(sql, c.parser());
                        sql.append("unnest(").param(arrayLiteral(f.values())).append("::text[])))");
                    }
                }
                case LIKE, ILIKE -> quantified(sql, op, f, true, null);
                default -> quantified(sql, op, f, false, c.parser());
            }
        }
        sql.append(")");
    }

    /**
     * {@code op value}, {@code op ANY (values)} or {@code op ALL (values)}; {@code parser} (a domain's cast from text)
     * is applied to the value as PostgREST applies it: to the list of a quantified comparison as written.
     */
    private static void quantified(
            Sql sql, Operator op, Condition.Filter f, boolean wildcard, Representation.CastFunction parser) {
        sql.append(" ").append(op.sql()).append(" ");
        if (f.quantifier() != null) {
            List<String> values = wildcard
                    ? f.values().stream().map(ConditionRenderer::wildcard).toList()
                    : f.values();
            sql.append(f.quantifier().equals("any") ? "ANY (" : "ALL (");
            parsed(sql, parser, parser == null ? arrayLiteral(values) : f.value());
            sql.append(")");
        } else {
            parsed(sql, parser, wildcard ? wildcard(f.value()) : f.value());
        }
    }

    /** The bound value, through {@code parser} when there is one. */
    static void parsed(Sql sql, Representation.CastFunction parser, String value) {
        if (parser == null) {
            sql.param(value);
            return;
        }
        OutputRenderer.call(sql, parser);
        sql.param(value).append(")");
    }

    private static void fullTextSearch(Sql sql, ConditionPlan.Comparison c) {
        Condition.Filter f = c.filter();
        boolean tsvector =
                c.field().sqlType().equals("tsvector") && c.field().path().isEmpty();
        if (!tsvector) {
            sql.append("to_tsvector(");
            if (f.language() != null) {
                sql.param(f.language()).append("::regconfig, ");
            }
        }
        OutputRenderer.field(sql, c.field());
        if (!tsvector) {
            sql.append(")");
        }
        sql.append(" @@ ").append(f.operator().sql()).append("(");
        if (f.language() != null) {
            sql.param(f.language()).append("::regconfig, ");
        }
        sql.param(f.value()).append(")");
    }

    /** PostgREST lets clients write {@code *} for LIKE's {@code %}. */
    private static String wildcard(String value) {
        return value.replace('*', '%');
    }

    /** A PostgreSQL array literal with every element quoted. */
    static String arrayLiteral(List<String> values) {
        var out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.append('}').toString();
    }
}
