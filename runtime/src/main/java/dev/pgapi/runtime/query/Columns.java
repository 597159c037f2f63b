package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.plan.FieldRef;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.ComputedFieldInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.List;

/** Resolves the names a request uses for a relation's values: columns, then computed fields. */
final class Columns {

    private Columns() {}

    /**
     * A column, else a computed field (seen as a column), else PostgreSQL's 42703 without a round trip.
     *
     * @param errorAlias  the name PostgREST's SQL gives the relation, as PostgreSQL's error shows it
     */
    static ColumnInfo lookup(RelationInfo relation, String name, String errorAlias) {
        ColumnInfo column = relation.column(name);
        if (column != null) {
            return column;
        }
        ComputedFieldInfo computed = relation.computedField(name);
        if (computed != null) {
            return computed.asColumn();
        }
        throw ApiErrors.undefinedColumn(errorAlias, name);
    }

    /**
     * The value of {@code column} (as {@link #lookup} found it) for the row named {@code row}: {@code row."name"},
     * or the computed field's function applied to the row.
     */
    static FieldRef ref(RelationInfo relation, String row, ColumnInfo column, List<Field.JsonStep> path) {
        String name = column.name();
        ComputedFieldInfo computed = relation.column(name) != null ? null : relation.computedField(name);
        FieldRef.RowValue value = computed == null
                ? new FieldRef.ColumnValue(row, name)
                : new FieldRef.ComputedValue(
                        row, computed.schema(), computed.name(), relation.schema(), relation.name());
        return new FieldRef(value, column.sqlType(), path);
    }
}
