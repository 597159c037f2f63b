package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.EmbedPlan;
import dev.pgapi.runtime.query.plan.FieldRef;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.Representation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves conditions against what one level can refer to: its columns (42703 otherwise), the values' types (22P02,
 * 22003 for values PostgreSQL could never convert) and the embeds null filters may test (PGRST120 otherwise).
 */
final class ConditionPlanner {

    /** Operators whose operand must be a value of the column's own type. */
    private static final Set<Operator> TYPED =
            EnumSet.of(Operator.EQ, Operator.NEQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE, Operator.IN);

    /** Operators whose values PostgREST passes through a domain's cast from text (not patterns, IS or search). */
    private static final Set<Operator> PARSED = EnumSet.complementOf(EnumSet.of(
            Operator.LIKE,
            Operator.ILIKE,
            Operator.IS,
            Operator.ISDISTINCT,
            Operator.FTS,
            Operator.PLFTS,
            Operator.PHFTS,
            Operator.WFTS));

    private ConditionPlanner() {}

    /** What a condition can refer to at one level. */
    interface Scope {
        ColumnInfo column(String name);

        /** The resolved value of {@code field}, with its JSON path. */
        FieldRef field(Field field);

        /** The embed named {@code name}, or null when there is none. */
        EmbedPlan.Presence embed(String name);
    }

    /** The filters of a write on the relation itself: columns qualified by the relation's name, no embeds. */
    static List<ConditionPlan> onRelation(RelationInfo relation, List<Condition> conditions) {
        return plan(new RelationScope(relation), conditions);
    }

    static List<ConditionPlan> plan(Scope scope, List<Condition> conditions) {
        var out = new ArrayList<ConditionPlan>(conditions.size());
        for (Condition condition : conditions) {
            out.add(plan(scope, condition));
        }
        return out;
    }

    static ConditionPlan plan(Scope scope, Condition condition) {
        return switch (condition) {
            case Condition.Filter filter -> filter(scope, filter);
            case Condition.Logic logic ->
                new ConditionPlan.Logic(logic.conjunction(), logic.negated(), plan(scope, logic.children()));
        };
    }

    private static ConditionPlan filter(Scope scope, Condition.Filter f) {
        boolean plain = f.field().path().isEmpty();
        EmbedPlan.Presence embed = plain ? scope.embed(f.field().name()) : null;
        if (embed != null) {
            // rel=is.null / rel=not.is.null: whether an embed has rows; other operators are PGRST120
            if (f.operator() != Operator.IS
                    || !f.value().equals("null") && !f.value().equals("not_null")) {
                throw ApiErrors.embeddedFilter(f.field().name());
            }
            return new ConditionPlan.EmbedPresence(embed, f.value().equals("null") != f.negated());
        }
        ColumnInfo column = scope.column(f.field().name());
        // PostgREST's domain representations: the values go through the cast (text AS domain), whatever the path
        Representation.CastFunction parser =
                PARSED.contains(f.operator()) ? column.representation().fromText() : null;
        if (plain && parser == null && TYPED.contains(f.operator()) && f.quantifier() == null) {
            if (f.operator() == Operator.IN) {
                f.values().forEach(v -> InputSyntax.check(column.kind(), v));
            } else {
                InputSyntax.check(column.kind(), f.value());
            }
        }
        return new ConditionPlan.Comparison(scope.field(f.field()), f, parser);
    }

    /** A relation's columns referred to by its own name, with no embeds. */
    record RelationScope(RelationInfo relation) implements Scope {
        @Override
        public ColumnInfo column(String name) {
            return Columns.lookup(relation, name, relation.name());
        }

        @Override
        public FieldRef field(Field field) {
            return Columns.ref(relation, relation.name(), column(field.name()), field.path());
        }

        @Override
        public EmbedPlan.Presence embed(String name) {
            return null;
        }
    }
}
