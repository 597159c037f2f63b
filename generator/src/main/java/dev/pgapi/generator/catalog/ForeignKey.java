package dev.pgapi.generator.catalog;

import java.util.List;

/**
 * A foreign key constraint; {@code columns.get(i)} references {@code referencedColumns.get(i)}.
 *
 * @param name                constraint name
 * @param columns             referencing columns of the owning relation, in key order
 * @param referencedSchema    schema of the referenced table
 * @param referencedRelation  referenced table
 * @param referencedColumns   referenced columns, in key order
 */
public record ForeignKey(
        String name,
        List<String> columns,
        String referencedSchema,
        String referencedRelation,
        List<String> referencedColumns) {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
