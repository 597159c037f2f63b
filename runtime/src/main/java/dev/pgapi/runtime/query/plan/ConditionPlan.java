package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.query.Condition;
import java.util.List;

/** A resolved filter: its column checked, its values checked against the column's type. */
public sealed interface ConditionPlan {

    /**
     * A comparison of a column (or JSON path) with the request's values.
     *
     * @param field   the compared value
     * @param filter  operator, quantifier, language, negation and values as parsed
     */
    record Comparison(FieldRef field, Condition.Filter filter) implements ConditionPlan {}

    /**
     * {@code embed=is.null} / {@code embed=not.is.null}: whether an embed has rows.
     *
     * @param embed     the embed tested
     * @param wantNull  true when the condition holds for an embed without rows
     */
    record EmbedPresence(EmbedPlan.Presence embed, boolean wantNull) implements ConditionPlan {}

    /** {@code [not.]and(...)} / {@code [not.]or(...)}. */
    record Logic(boolean conjunction, boolean negated, List<ConditionPlan> children) implements ConditionPlan {
        public Logic {
            children = List.copyOf(children);
        }
    }
}
