package dev.pgapi.runtime.query;

import java.util.List;

/** One item of {@code select=}. */
public sealed interface SelectItem {

    /** {@code *}: every column of the relation. */
    record Star() implements SelectItem {}

    /**
     * A column, possibly with a JSON path, a rename, a cast and an aggregate:
     * {@code alias:col->key::type.sum()::type}; {@code count()} is the field {@code *} with aggregate {@code count}.
     *
     * @param field          the column
     * @param alias          output key, or null for the default
     * @param cast           type name to cast the column to, or null
     * @param aggregate      {@code sum}, {@code avg}, {@code max}, {@code min}, {@code count}, or null
     * @param aggregateCast  type name to cast the aggregate's result to, or null
     */
    record Column(Field field, String alias, String cast, String aggregate, String aggregateCast)
            implements SelectItem {

        /** A column without an aggregate. */
        public Column(Field field, String alias, String cast) {
            this(field, alias, cast, null, null);
        }

        /** The key in the output: the alias, else the aggregate's name, else the field's. */
        public String outputName() {
            if (alias != null) {
                return alias;
            }
            return aggregate != null ? aggregate : field.outputName();
        }
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
