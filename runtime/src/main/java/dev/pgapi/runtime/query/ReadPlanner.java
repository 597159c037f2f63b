package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ReadQuery} on a relation into the main SQL statement. Identifiers come from the generated
 * {@link RelationInfo}; every value from the request is a bind parameter.
 *
 * <p>The statement returns one row: {@code page_total}, {@code body} (the JSON PostgreSQL rendered, exactly like
 * PostgREST's {@code coalesce(json_agg(_postgrest_t), '[]')}), and the response GUCs.
 */
public final class ReadPlanner {

    /** Types a client may cast to with {@code col::type}; anything else is PostgreSQL's 42704. */
    private static final Set<String> CASTABLE = Set.of(
            "text", "varchar", "char", "name", "citext", "bool", "boolean", "int", "int2", "int4", "int8",
            "integer", "smallint", "bigint", "numeric", "decimal", "real", "float4", "float8", "double precision",
            "money", "json", "jsonb", "uuid", "date", "time", "timetz", "timestamp", "timestamptz", "interval",
            "bytea", "inet", "cidr", "macaddr", "tsvector", "xml", "oid");

    private ReadPlanner() {
    }

    /** Rendering of the result. */
    public enum Shape {
        /** a JSON array of rows */
        ARRAY,
        /** no body (HEAD) */
        NONE
    }

    /**
     * The SQL for a read.
     *
     * @param relation  the generated descriptor of the relation
     * @param query     the parsed request
     * @param maxRows   {@code db-max-rows}, or null
     * @param shape     how to render the body
     */
    public static Sql plan(RelationInfo relation, ReadQuery query, Long maxRows, Shape shape) {
        var table = new Sql().ident(relation.schema()).append(".").ident(relation.name());
        var source = select(relation, query, maxRows, table);
        var sql = new Sql().append("SELECT pg_catalog.count(_pgrst_t) AS page_total, ");
        sql.append(shape == Shape.NONE ? "NULL::text" : "coalesce(json_agg(_pgrst_t), '[]')::text");
        sql.append(" AS body, nullif(current_setting('response.headers', true), '') AS response_headers,"
                + " nullif(current_setting('response.status', true), '') AS response_status FROM (");
        sql.append(source).append(") _pgrst_t");
        return sql;
    }

    /**
     * The rows of a read over {@code from} instead of the relation's table: {@code SELECT <select list> FROM <from>
     * AS "<relation name>" [WHERE] [ORDER BY] [LIMIT] [OFFSET]}. Writes use it to shape their RETURNING rows
     * ({@code from} names the mutation's CTE) and calls to read a function's result ({@code from} is the call);
     * the alias keeps column references like {@code "books"."id"} valid.
     *
     * @param relation  the columns the source has, named like the relation the alias gives
     * @param maxRows   {@code db-max-rows}, or null
     */
    public static Sql select(RelationInfo relation, ReadQuery query, Long maxRows, Sql from) {
        Map<String, ColumnInfo> columns = relation.columnsByName();
        var source = new Sql().append("SELECT ");
        selectList(source, relation, columns, query.select());
        source.append(" FROM ").append(from).append(" AS ").ident(relation.name());
        where(source, relation, columns, query.where());
        orderBy(source, relation, columns, query.order());
        Long limit = effectiveLimit(query.limit(), maxRows);
        if (limit != null) {
            source.append(" LIMIT ").param(Long.toString(limit));
        }
        if (query.offset() > 0) {
            source.append(" OFFSET ").param(Long.toString(query.offset()));
        }
        return source;
    }

    /** {@code SELECT 1 FROM <from> AS "<relation name>" [WHERE]}: the rows an exact count counts (no paging). */
    public static Sql countSource(RelationInfo relation, ReadQuery query, Sql from) {
        var source = new Sql().append("SELECT 1 FROM ").append(from).append(" AS ").ident(relation.name());
        where(source, relation, relation.columnsByName(), query.where());
        return source;
    }

    static Long effectiveLimit(Long limit, Long maxRows) {
        if (maxRows == null) {
            return limit;
        }
        return limit == null ? maxRows : Math.min(limit, maxRows);
    }

    private static void selectList(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns,
                                   List<SelectItem> items) {
        boolean first = true;
        for (SelectItem item : items) {
            if (!first) {
                sql.append(", ");
            }
            first = false;
            switch (item) {
                case SelectItem.Star star -> sql.ident(relation.name()).append(".*");
                case SelectItem.Column column -> selectColumn(sql, relation, columns, column);
                case SelectItem.Embed embed -> throw noRelationship(relation, embed.relation());
            }
        }
    }

    private static void selectColumn(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns,
                                     SelectItem.Column column) {
        Field field = column.field();
        if (column.cast() != null) {
            sql.append("CAST(");
            fieldExpression(sql, relation, columns, field);
            sql.append(" AS ").append(castType(column.cast())).append(")");
        } else {
            fieldExpression(sql, relation, columns, field);
        }
        String alias = column.alias();
        if (alias == null && (column.cast() != null || !field.path().isEmpty())) {
            alias = field.outputName();
        }
        if (alias != null) {
            // the one place request text names something in SQL: an output key, always quoted
            sql.append(" AS ").ident(alias);
        }
    }

    private static String castType(String requested) {
        String type = requested.toLowerCase(Locale.ROOT).strip();
        if (!CASTABLE.contains(type)) {
            throw ApiError.of(400, "42704", "type \"" + requested + "\" does not exist", null, null);
        }
        return type;
    }

    /** {@code "rel"."col"}, with JSON path steps whose keys are bind parameters. */
    static void fieldExpression(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns, Field field) {
        ColumnInfo column = column(relation, columns, field.name());
        if (field.path().isEmpty()) {
            sql.ident(relation.name()).append(".").ident(column.name());
            return;
        }
        boolean json = column.sqlType().equals("json") || column.sqlType().equals("jsonb");
        if (!json) {
            sql.append("to_jsonb(");
        }
        sql.ident(relation.name()).append(".").ident(column.name());
        if (!json) {
            sql.append(")");
        }
        for (Field.JsonStep step : field.path()) {
            sql.append(step.asText() ? "->>" : "->");
            sql.append("(").param(step.key()).append(step.index() ? "::integer)" : "::text)");
        }
    }

    static ColumnInfo column(RelationInfo relation, Map<String, ColumnInfo> columns, String name) {
        ColumnInfo column = columns.get(name);
        if (column == null) {
            // PostgreSQL's own error for an unknown column, answered without a round trip
            throw ApiError.of(400, "42703", "column " + relation.name() + "." + name + " does not exist", null,
                    null);
        }
        return column;
    }

    private static void where(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns,
                              List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        sql.append(" WHERE ");
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            FilterSql.condition(sql, relation, columns, conditions.get(i));
        }
    }

    private static void orderBy(Sql sql, RelationInfo relation, Map<String, ColumnInfo> columns,
                                List<OrderTerm> order) {
        if (order.isEmpty()) {
            return;
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            OrderTerm term = order.get(i);
            if (i > 0) {
                sql.append(", ");
            }
            fieldExpression(sql, relation, columns, term.field());
            sql.append(term.descending() ? " DESC" : " ASC");
            if (term.nulls() != null) {
                sql.append(" NULLS ").append(term.nulls());
            }
        }
    }

    private static ApiError noRelationship(RelationInfo relation, String target) {
        return ApiError.of(400, "PGRST200",
                "Could not find a relationship between '" + relation.name() + "' and '" + target
                        + "' in the schema cache",
                "Searched for a foreign key relationship between '" + relation.name() + "' and '" + target
                        + "' in the schema '" + relation.schema() + "', but no matches were found.",
                null);
    }
}
