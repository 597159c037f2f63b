package dev.pgapi.runtime.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table, view, materialized view, foreign or partitioned table exposed at {@code /<name>}. Generated descriptors
 * spell it out with named steps, starting from a read-only relation without a key:
 * <pre>{@code
 * RelationInfo.relation("api", "clients",
 *                 ColumnInfo.column("id", "integer", ValueKind.INTEGER).notNull(), ...)
 *         .withPrimaryKey("id")
 *         .allowsInsert().allowsUpdate().allowsDelete()
 *         .withRelationships(RelationshipInfo.oneToMany("projects_client_id_fkey").from("id")
 *                 .to("api", "projects", "client_id"))
 * }</pre>
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
 * @param mediaHandlers  media type handlers of its reads, in PostgREST's order of precedence
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
        List<ComputedFieldInfo> computed,
        List<MediaHandlerInfo> mediaHandlers) {

    public RelationInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        relationships = List.copyOf(relationships);
        computed = List.copyOf(computed);
        mediaHandlers = List.copyOf(mediaHandlers);
    }

    /** A relation without media type handlers. */
    public RelationInfo(
            String schema,
            String name,
            List<ColumnInfo> columns,
            List<String> primaryKey,
            boolean insertable,
            boolean updatable,
            boolean deletable,
            List<RelationshipInfo> relationships,
            List<ComputedFieldInfo> computed) {
        this(schema, name, columns, primaryKey, insertable, updatable, deletable, relationships, computed, List.of());
    }

    /** A relation without computed fields. */
    public RelationInfo(
            String schema,
            String name,
            List<ColumnInfo> columns,
            List<String> primaryKey,
            boolean insertable,
            boolean updatable,
            boolean deletable,
            List<RelationshipInfo> relationships) {
        this(schema, name, columns, primaryKey, insertable, updatable, deletable, relationships, List.of());
    }

    /** A relation without relationships (a function's result, a hand-written descriptor). */
    public RelationInfo(
            String schema,
            String name,
            List<ColumnInfo> columns,
            List<String> primaryKey,
            boolean insertable,
            boolean updatable,
            boolean deletable) {
        this(schema, name, columns, primaryKey, insertable, updatable, deletable, List.of());
    }

    /** {@code schema.name} with these columns in ordinal order: no key, read-only, no relationships. */
    public static RelationInfo relation(String schema, String name, ColumnInfo... columns) {
        return new RelationInfo(schema, name, List.of(columns), List.of(), false, false, false, List.of(), List.of());
    }

    /** The same relation with this primary key. */
    public RelationInfo withPrimaryKey(String... columns) {
        return new RelationInfo(
                schema,
                name,
                this.columns,
                List.of(columns),
                insertable,
                updatable,
                deletable,
                relationships,
                computed,
                mediaHandlers);
    }

    /** The same relation, accepting POST. */
    public RelationInfo allowsInsert() {
        return new RelationInfo(
                schema, name, columns, primaryKey, true, updatable, deletable, relationships, computed, mediaHandlers);
    }

    /** The same relation, accepting PATCH. */
    public RelationInfo allowsUpdate() {
        return new RelationInfo(
                schema, name, columns, primaryKey, insertable, true, deletable, relationships, computed, mediaHandlers);
    }

    /** The same relation, accepting DELETE. */
    public RelationInfo allowsDelete() {
        return new RelationInfo(
                schema, name, columns, primaryKey, insertable, updatable, true, relationships, computed, mediaHandlers);
    }

    /** The same relation with these relationships for embedding. */
    public RelationInfo withRelationships(RelationshipInfo... relationships) {
        return new RelationInfo(
                schema,
                name,
                columns,
                primaryKey,
                insertable,
                updatable,
                deletable,
                List.of(relationships),
                computed,
                mediaHandlers);
    }

    /** The same relation with these computed fields. */
    public RelationInfo withComputedFields(ComputedFieldInfo... computed) {
        return new RelationInfo(
                schema,
                name,
                columns,
                primaryKey,
                insertable,
                updatable,
                deletable,
                relationships,
                List.of(computed),
                mediaHandlers);
    }

    /** The same relation with these media type handlers, in PostgREST's order of precedence. */
    public RelationInfo withMediaHandlers(MediaHandlerInfo... handlers) {
        return new RelationInfo(
                schema,
                name,
                columns,
                primaryKey,
                insertable,
                updatable,
                deletable,
                relationships,
                computed,
                List.of(handlers));
    }

    /**
     * The column called {@code name}, or null. A scan: a relation has tens of columns, and a request looks up a few,
     * so this beats building a map per request.
     */
    public ColumnInfo column(String name) {
        for (ColumnInfo c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Columns by name, in order (a new map per call: for writes, which look up many). */
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
