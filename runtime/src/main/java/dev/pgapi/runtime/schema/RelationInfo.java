package dev.pgapi.runtime.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table, view, materialized view, foreign or partitioned table exposed at {@code /<name>}.
 *
 * @param schema      schema name
 * @param name        relation name
 * @param columns     columns in ordinal order
 * @param primaryKey  primary key columns, empty when none
 * @param insertable  whether POST applies
 * @param updatable   whether PATCH applies
 * @param deletable   whether DELETE applies
 * @param relationships  relationships to other relations of the same schema, for embedding
 * @param computed    computed fields: functions taking the relation's row
 */
public record RelationInfo(
        String schema,
        String name,
        List<ColumnInfo> columns,
        List<String> primaryKey,
        boolean insertable,
        boolean updatable,
        boolean deletable,
        List<RelationshipInfo> relationships,
        List<ComputedFieldInfo> computed) {

    public RelationInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        relationships = List.copyOf(relationships);
        computed = List.copyOf(computed);
    }

    /** A relation without computed fields. */
    public RelationInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey,
                        boolean insertable, boolean updatable, boolean deletable,
                        List<RelationshipInfo> relationships) {
        this(schema, name, columns, primaryKey, insertable, updatable, deletable, relationships, List.of());
    }

    /** A relation without relationships (a function's result, a hand-written descriptor). */
    public RelationInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey,
                        boolean insertable, boolean updatable, boolean deletable) {
        this(schema, name, columns, primaryKey, insertable, updatable, deletable, List.of());
    }

    /** Columns by name, for lookups while planning a request. */
    public Map<String, ColumnInfo> columnsByName() {
        var byName = new LinkedHashMap<String, ColumnInfo>();
        columns.forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    /** The computed field called {@code name}, or null. */
    public ComputedFieldInfo computedField(String name) {
        for (ComputedFieldInfo f : computed) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
