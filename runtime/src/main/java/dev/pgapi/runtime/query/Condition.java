package dev.pgapi.runtime.query;

import java.util.List;

/** A horizontal filter: a single comparison or an {@code and}/{@code or} tree. */
public sealed interface Condition {

    /**
     * {@code field=[not.]op[(any|all)][(lang)].value}.
     *
     * @param field     the filtered column
     * @param negated   {@code not.} prefix
     * @param operator  the operator
     * @param quantifier {@code any}/{@code all} modifier, or null
     * @param language  full-text search configuration, or null
     * @param value     the value as written (for {@code in}: the list, parsed into {@code values})
     * @param values    elements of an {@code in} list or an {@code (any)}/{@code (all)} set; empty otherwise
     */
    record Filter(
            Field field,
            boolean negated,
            Operator operator,
            String quantifier,
            String language,
            String value,
            List<String> values)
            implements Condition {
        public Filter {
            values = List.copyOf(values);
        }
    }

    /**
     * {@code [not.]and(...)} / {@code [not.]or(...)}.
     *
     * @param conjunction  true for {@code and}
     * @param negated      {@code not.} prefix
     * @param children     the operands, at least one
     */
    record Logic(boolean conjunction, boolean negated, List<Condition> children) implements Condition {
        public Logic {
            children = List.copyOf(children);
        }
    }
}
