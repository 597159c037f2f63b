package dev.pgapi.runtime.query;

import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.List;
import java.util.Map;

/** Renders conditions as SQL with every value bound. */
final class FilterSql {

    private FilterSql() {
    }

    static void condition(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns, Condition condition) {
        switch (condition) {
            case Condition.Filter filter -> filter(sql, relation, columns, filter);
            case Condition.Logic logic -> {
                if (logic.negated()) {
                    sql.append("NOT ");
                }
                sql.append("(");
                for (int i = 0; i < logic.children().size(); i++) {
                    if (i > 0) {
                        sql.append(logic.conjunction() ? " AND " : " OR ");
                    }
                    condition(sql, relation, columns, logic.children().get(i));
                }
                sql.append(")");
            }
        }
    }

    private static void filter(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns,
                               Condition.Filter f) {
        if (f.negated()) {
            sql.append("NOT ");
        }
        sql.append("(");
        Operator op = f.operator();
        if (op.isFullTextSearch()) {
            fullTextSearch(sql, relation, columns, f);
        } else {
            ReadPlanner.fieldExpression(sql, relation, columns, f.field());
            switch (op) {
                case IS -> sql.append(" IS ").append(switch (f.value()) {
                    case "null" -> "NULL";
                    case "not_null" -> "NOT NULL";
                    case "true" -> "TRUE";
                    case "false" -> "FALSE";
                    default -> "UNKNOWN";
                });
                case IN -> sql.append(" = ANY (").param(arrayLiteral(f.values())).append(")");
                case LIKE, ILIKE -> quantified(sql, op, f, true);
                default -> quantified(sql, op, f, false);
            }
        }
        sql.append(")");
    }

    private static void quantified(Sql sql, Operator op, Condition.Filter f, boolean wildcard) {
        sql.append(" ").append(op.sql()).append(" ");
        if (f.quantifier() != null) {
            List<String> values = wildcard ? f.values().stream().map(FilterSql::wildcard).toList() : f.values();
            sql.append(f.quantifier().equals("any") ? "ANY (" : "ALL (").param(arrayLiteral(values)).append(")");
        } else {
            sql.param(wildcard ? wildcard(f.value()) : f.value());
        }
    }

    private static void fullTextSearch(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns,
                                       Condition.Filter f) {
        ColumnInfo column = ReadPlanner.column(relation, columns, f.field().name());
        boolean tsvector = column.sqlType().equals("tsvector") && f.field().path().isEmpty();
        if (!tsvector) {
            sql.append("to_tsvector(");
            if (f.language() != null) {
                sql.param(f.language()).append("::regconfig, ");
            }
        }
        ReadPlanner.fieldExpression(sql, relation, columns, f.field());
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
            out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }
}
