package dev.pgapi.generator.model;

import dev.pgapi.generator.catalog.RelationRef;
import java.util.List;

/**
 * A relationship PostgREST would offer for embedding, from {@code origin} to {@code target}.
 *
 * @param constraint     the foreign key's name (for M2M the junction's name is in {@code junction})
 * @param cardinality    how many target rows one origin row has
 * @param origin         the relation the request starts from
 * @param target         the embedded relation
 * @param targetIsView   the target is a view
 * @param columns        origin columns; for M2M those the junction references
 * @param targetColumns  target columns, pairwise with {@code columns}; for M2M those the junction references
 * @param junction       M2M only, else null
 * @param function       a computed relationship only: the function returning the target's rows for an origin row
 *                       (then {@code constraint} is its name and there are no columns), else null
 */
public record Relationship(
        String constraint,
        Cardinality cardinality,
        RelationRef origin,
        RelationRef target,
        boolean targetIsView,
        List<String> columns,
        List<String> targetColumns,
        Junction junction,
        RelationRef function) {

    public Relationship {
        columns = List.copyOf(columns);
        targetColumns = List.copyOf(targetColumns);
    }

    /** A relationship through foreign keys. */
    public Relationship(
            String constraint,
            Cardinality cardinality,
            RelationRef origin,
            RelationRef target,
            boolean targetIsView,
            List<String> columns,
            List<String> targetColumns,
            Junction junction) {
        this(constraint, cardinality, origin, target, targetIsView, columns, targetColumns, junction, null);
    }

    /** PostgREST's computed relationship through {@code function}: to-one, or to-many for a set of rows. */
    public static Relationship computed(RelationRef function, RelationRef origin, RelationRef target, boolean toOne) {
        return new Relationship(
                function.name(),
                toOne ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY,
                origin,
                target,
                false,
                List.of(),
                List.of(),
                null,
                function);
    }

    /** Named like the runtime's {@code RelationshipInfo.Cardinality}. */
    public enum Cardinality {
        MANY_TO_ONE,
        ONE_TO_MANY,
        ONE_TO_ONE,
        MANY_TO_MANY
    }

    /**
     * The junction table of an M2M relationship: {@code sourceColumns} (key {@code sourceConstraint}) reference the
     * origin, {@code targetColumns} (key {@code targetConstraint}) the target.
     */
    public record Junction(
            RelationRef table,
            String sourceConstraint,
            List<String> sourceColumns,
            String targetConstraint,
            List<String> targetColumns) {
        public Junction {
            sourceColumns = List.copyOf(sourceColumns);
            targetColumns = List.copyOf(targetColumns);
        }
    }
}
