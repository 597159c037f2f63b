package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.schema.ColumnInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Renders conditions as SQL with every value bound. */
final class FilterSql {

    /** Operators whose operand must be a value of the column's own type. */
    private static final Set<Operator> TYPED =
            EnumSet.of(Operator.EQ, Operator.NEQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE, Operator.IN);

    private FilterSql() {}

    /** What a condition can refer to at one level: its columns, and the embeds null filters may test. */
    interface Scope {
        /** The relation's name for error messages. */
        String relationName();

        ColumnInfo column(String name);

        /** Renders {@code alias."col"} with its JSON path. */
        void field(Sql sql, Field field);

        /** The SQL that is true when the embed named {@code name} has a row, or null when there is none. */
        String embedPresent(String name);
    }

    static void condition(Sql sql, Scope scope, Condition condition) {
        switch (condition) {
            case Condition.Filter filter -> filter(sql, scope, filter);
            case Condition.Logic logic -> {
                if (logic.negated()) {
                    sql.append("NOT ");
                }
                sql.append("(");
                for (int i = 0; i < logic.children().size(); i++) {
                    if (i > 0) {
                        sql.append(logic.conjunction() ? " AND " : " OR ");
                    }
                    condition(sql, scope, logic.children().get(i));
                }
                sql.append(")");
            }
        }
    }

    private static void filter(Sql sql, Scope scope, Condition.Filter f) {
        Operator op = f.operator();
        String present =
                f.field().path().isEmpty() ? scope.embedPresent(f.field().name()) : null;
        if (present != null) {
            embedFilter(sql, f, present);
            return;
        }
        ColumnInfo column = scope.column(f.field().name());
        if (f.field().path().isEmpty() && TYPED.contains(op) && f.quantifier() == null) {
            if (op == Operator.IN) {
                f.values().forEach(v -> ValueChecks.check(column.kind(), v));
            } else {
                ValueChecks.check(column.kind(), f.value());
            }
        }
        if (f.negated()) {
            sql.append("NOT ");
        }
        sql.append("(");
        if (op.isFullTextSearch()) {
            fullTextSearch(sql, scope, column, f);
        } else {
            scope.field(sql, f.field());
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
                case IN ->
                    sql.append(" = ANY (").param(arrayLiteral(f.values())).append(")");
                case LIKE, ILIKE -> quantified(sql, op, f, true);
                default -> quantified(sql, op, f, false);
            }
        }
        sql.append(")");
    }

    /** {@code rel=is.null} / {@code rel=not.is.null}: whether an embed has rows; other operators are PGRST120. */
    private static void embedFilter(Sql sql, Condition.Filter f, String present) {
        if (f.operator() != Operator.IS
                || !f.value().equals("null") && !f.value().equals("not_null")) {
            throw ApiErrors.embeddedFilter(f.field().name());
        }
        boolean wantNull = f.value().equals("null") != f.negated();
        sql.append(wantNull ? "NOT (" : "(").append(present).append(")");
    }

    private static void quantified(Sql sql, Operator op, Condition.Filter f, boolean wildcard) {
        sql.append(" ").append(op.sql()).append(" ");
        if (f.quantifier() != null) {
            List<String> values =
                    wildcard ? f.values().stream().map(FilterSql::wildcard).toList() : f.values();
            sql.append(f.quantifier().equals("any") ? "ANY (" : "ALL (")
                    .param(arrayLiteral(values))
                    .append(")");
        } else {
            sql.param(wildcard ? wildcard(f.value()) : f.value());
        }
    }

    private static void fullTextSearch(Sql sql, Scope scope, ColumnInfo column, Condition.Filter f) {
        boolean tsvector =
                column.sqlType().equals("tsvector") && f.field().path().isEmpty();
        if (!tsvector) {
            sql.append("to_tsvector(");
            if (f.language() != null) {
                sql.param(f.language()).append("::regconfig, ");
            }
        }
        scope.field(sql, f.field());
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
