package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.query.Condition;
import dev.pgapi.runtime.schema.Representation;
import java.util.List;

/** A resolved filter: its column checked, its values checked against the column's type. */
public sealed interface ConditionPlan {

    /**
     * A comparison of a column (or JSON path) with the request's values.
     *
     * @param field   the compared value
     * @param filter  operator, quantifier, language, negation and values as parsed
     * @param parser  the function of the cast {@code (text AS domain)} of the column's domain, applied to the values
     *                of the operators PostgREST applies it to (PostgREST's domain representations), or null
     */
    record Comparison(FieldRef field, Condition.Filter filter, Representation.CastFunction parser)
            implements ConditionPlan {

        /** A comparison of values taken as PostgreSQL reads them. */
        public Comparison(FieldRef field, Condition.Filter filter) {
            this(field, filter, null);
        }
    }

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
