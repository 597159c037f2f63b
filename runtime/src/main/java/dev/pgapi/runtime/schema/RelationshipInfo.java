package dev.pgapi.runtime.schema;

import java.util.List;

/**
 * A relationship from one exposed relation to another of the same schema, found by the generator from foreign keys
 * (also through views, mapped to their base tables' keys). Embedding ({@code select=*,target(*)}) follows it.
 *
 * @param constraint     the foreign key's name (M2M: unused, see {@code junction})
 * @param cardinality    how many target rows one row of the origin has
 * @param targetSchema   schema of the target
 * @param target         the target relation
 * @param targetIsView   the target is a view (PostgREST then ignores constraint and column names as targets)
 * @param columns        columns of the origin; for M2M those the junction references
 * @param targetColumns  columns of the target, {@code columns.get(i)} pairs with {@code targetColumns.get(i)}; for
 *                       M2M those the junction references
 * @param junction       M2M only: the table joining both sides, else null
 */
public record RelationshipInfo(
        String constraint,
        Cardinality cardinality,
        String targetSchema,
        String target,
        boolean targetIsView,
        List<String> columns,
        List<String> targetColumns,
        Junction junction) {

    public RelationshipInfo {
        columns = List.copyOf(columns);
        targetColumns = List.copyOf(targetColumns);
    }

    /** PostgREST's cardinalities; their JSON names appear in PGRST201 details. */
    public enum Cardinality {
        MANY_TO_ONE("many-to-one"),
        ONE_TO_MANY("one-to-many"),
        ONE_TO_ONE("one-to-one"),
        MANY_TO_MANY("many-to-many");

        private final String label;

        Cardinality(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The junction of a many-to-many relationship: {@code sourceColumns} reference the origin's {@code columns},
     * {@code targetColumns} the target's.
     */
    public record Junction(String schema, String name, String sourceConstraint, List<String> sourceColumns,
                           String targetConstraint, List<String> targetColumns) {
        public Junction {
            sourceColumns = List.copyOf(sourceColumns);
            targetColumns = List.copyOf(targetColumns);
        }
    }

    /** Embeds as a single object (or null) rather than an array. */
    public boolean toOne() {
        return cardinality == Cardinality.MANY_TO_ONE || cardinality == Cardinality.ONE_TO_ONE;
    }
}
