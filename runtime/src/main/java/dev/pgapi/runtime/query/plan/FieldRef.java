package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.query.Field;
import java.util.List;

/**
 * A value of one row, resolved: a column or a computed field of the row named {@code value}'s row, followed by a JSON
 * path whose keys become bind parameters.
 *
 * @param value    the column or computed field
 * @param sqlType  its type ({@code json}/{@code jsonb} paths need no {@code to_jsonb})
 * @param path     JSON path steps, empty for the plain value
 */
public record FieldRef(RowValue value, String sqlType, List<Field.JsonStep> path) {

    public FieldRef {
        path = List.copyOf(path);
    }

    /** Where the value comes from. */
    public sealed interface RowValue {}

    /** {@code "row"."name"}: a column, or a column a subquery selected under that name. */
    public record ColumnValue(String row, String name) implements RowValue {}

    /**
     * {@code "schema"."function"("row"::"relationSchema"."relationName")}: a computed field (the cast types the rows
     * of a CTE, e.g. a write's RETURNING).
     */
    public record ComputedValue(String row, String schema, String function, String relationSchema, String relationName)
            implements RowValue {}
}
