package dev.pgapi.runtime.query;

import java.util.List;

/** One item of {@code select=}. */
public sealed interface SelectItem {

    /** {@code *}: every column of the relation. */
    record Star() implements SelectItem {
    }

    /**
     * A column, possibly with a JSON path, a rename and a cast: {@code alias:col->key::type}.
     *
     * @param field  the column
     * @param alias  output key, or null for the default
     * @param cast   type name to cast to, or null
     */
    record Column(Field field, String alias, String cast) implements SelectItem {
    }

    /**
     * An embedded resource {@code alias:rel!hint!inner(items)} or a spread {@code ...rel(items)}.
     *
     * @param relation  relation or function name as written
     * @param alias     output key, or null
     * @param hint      disambiguation hint (foreign key, column or junction), or null
     * @param joinType  {@code inner}, {@code left}, or null
     * @param spread    true for {@code ...rel(...)}
     * @param items     the embedded select list (empty for {@code rel()})
     */
    record Embed(String relation, String alias, String hint, String joinType, boolean spread, List<SelectItem> items)
            implements SelectItem {
        public Embed {
            items = List.copyOf(items);
        }
    }
}
