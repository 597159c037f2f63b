package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ReadQuery} into the main SQL statement of a read: select list, embedding, filters, order and
 * paging on every level, the optional exact count, and the body rendered by PostgreSQL in the requested shape.
 * Identifiers come from the generated descriptors; every value from the request is a bind parameter; output keys
 * (aliases) are the only request text used as identifiers, always quoted.
 *
 * <p><b>Entry point for other operations.</b> {@link #plan(ReadSource, ReadQuery, RelationLookup, Options)} reads
 * from any {@link ReadSource}: a relation ({@link ReadSource#relation}), or rows with a known shape, e.g. the
 * {@code RETURNING} rows of a write ({@code with = "pgrst_mutation AS (INSERT ... RETURNING *)"},
 * {@code from = "pgrst_mutation"}, {@code shape} = the table's descriptor so that its relationships embed) or a
 * set-returning function ({@code from = "api"."f"(...)}). The source gets the alias {@code pgrst_0}.
 *
 * <p>The statement returns one row: {@code total_result_set} (the exact count, or NULL), {@code page_total},
 * {@code body} (NULL for {@link Shape#NONE}), {@code response_headers} and {@code response_status}. Embedded
 * objects and arrays are built with {@code row_to_json(...)::jsonb} / {@code json_agg(...)::jsonb} like PostgREST,
 * so their text is jsonb's while the top level is {@code json_agg}'s.
 */
public final class ReadPlanner {

    /** Types a client may cast to with {@code col::type}; anything else is PostgreSQL's 42704. */
    private static final Set<String> CASTABLE = Set.of(
            "text", "varchar", "char", "name", "citext", "bool", "boolean", "int", "int2", "int4", "int8",
            "integer", "smallint", "bigint", "numeric", "decimal", "real", "float4", "float8", "double precision",
            "money", "json", "jsonb", "uuid", "date", "time", "timetz", "timestamp", "timestamptz", "interval",
            "bytea", "inet", "cidr", "macaddr", "tsvector", "xml", "oid");

    private static final String AGG = "pgrst_agg";

    private ReadPlanner() {
    }

    /** Rendering of the result. */
    public enum Shape {
        /** a JSON array of rows */
        ARRAY,
        /** a JSON array of rows without null-valued keys */
        ARRAY_STRIPPED,
        /** the first row as an object ({@code null} when none); the caller checks that there was exactly one */
        OBJECT,
        /** {@link #OBJECT} without null-valued keys */
        OBJECT_STRIPPED,
        /** CSV: a header line and one line per row in PostgreSQL's record text form */
        CSV,
        /** no body (HEAD) */
        NONE
    }

    /**
     * How to plan.
     *
     * @param maxRows     {@code db-max-rows}, or null: caps every level
     * @param shape       how to render the body
     * @param exactCount  compute {@code total_result_set}: the rows matching the top-level filters, ignoring paging
     */
    public record Options(Long maxRows, Shape shape, boolean exactCount) {
    }

    /** The SQL for a read of a relation. */
    public static Sql plan(RelationInfo relation, ReadQuery query, RelationLookup lookup, Options options) {
        return plan(ReadSource.relation(relation), query, lookup, options);
    }

    /** The SQL for a read of any source; see the class comment. */
    public static Sql plan(ReadSource source, ReadQuery query, RelationLookup lookup, Options options) {
        var planner = new Planner(lookup, options.maxRows(), query);
        Node root = planner.node(source.shape(), source.from(), query.select(), List.of(), query.root());
        var sql = new Sql().append("WITH ");
        if (source.with() != null && !source.with().isEmpty()) {
            sql.append(source.with()).append(", ");
        }
        sql.append("pgrst_source AS (").append(root.render(List.of(), false, true)).append(") SELECT ");
        if (options.exactCount()) {
            sql.append("(SELECT pg_catalog.count(*) FROM (").append(root.render(List.of(), true, false))
                    .append(") _pgrst_count)");
        } else {
            sql.append("NULL::bigint");
        }
        sql.append(" AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ")
                .append(body(options.shape(), "pgrst_source"))
                .append(" AS body, nullif(current_setting('response.headers', true), '') AS response_headers,"
                        + " nullif(current_setting('response.status', true), '') AS response_status"
                        + " FROM pgrst_source _postgrest_t");
        return sql;
    }

    /**
     * The rows of a read over {@code from} shaped like {@code relation}: its select list (embedding included),
     * filters, order and paging, without the JSON aggregation. Writes use it to shape their RETURNING rows
     * ({@code from} names the mutation's CTE) and calls to read a function's result ({@code from} is the call).
     *
     * @param lookup   embedding targets
     * @param maxRows  {@code db-max-rows}, or null
     */
    public static Sql select(RelationInfo relation, ReadQuery query, RelationLookup lookup, Long maxRows, Sql from) {
        var planner = new Planner(lookup, maxRows, query);
        return planner.node(relation, from, query.select(), List.of(), query.root()).render(List.of(), false, true);
    }

    /** The rows an exact count counts: {@link #select}'s top-level filters, without paging. */
    public static Sql countSource(RelationInfo relation, ReadQuery query, RelationLookup lookup, Sql from) {
        var planner = new Planner(lookup, null, query);
        return planner.node(relation, from, query.select(), List.of(), query.root()).render(List.of(), true, false);
    }

    /**
     * {@code conditions} ANDed as SQL (without {@code WHERE}), columns qualified by the relation's name: the
     * filters of a write on the relation itself ({@code UPDATE "s"."t" ... WHERE "t"."col" = ...}).
     */
    public static Sql conditions(RelationInfo relation, List<Condition> conditions) {
        var scope = new RelationScope(relation);
        var sql = new Sql();
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            FilterSql.condition(sql, scope, conditions.get(i));
        }
        return sql;
    }

    /** Answers PostgreSQL's 42703 for a name {@code relation} lacks, without a round trip. */
    public static ColumnInfo column(RelationInfo relation, String name) {
        return new RelationScope(relation).column(name);
    }

    /** A relation's columns referred to by its own name, with no embeds. */
    private record RelationScope(RelationInfo relation) implements FilterSql.Scope {
        @Override
        public String relationName() {
            return relation.name();
        }

        @Override
        public ColumnInfo column(String name) {
            for (ColumnInfo c : relation.columns()) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            // PostgreSQL's own error for an unknown column, answered without a round trip
            throw ApiError.of(400, "42703", "column " + relation.name() + "." + name + " does not exist", null, null);
        }

        @Override
        public void field(Sql sql, Field field) {
            ColumnInfo column = column(field.name());
            jsonPath(sql, Sql.quoteIdent(relation.name()) + "." + Sql.quoteIdent(column.name()), column.sqlType(),
                    field.path());
        }

        @Override
        public String embedPresent(String name) {
            return null;
        }
    }

    /**
     * {@code EXPLAIN (FORMAT JSON)} of the count query, for {@code Prefer: count=planned|estimated}: the planner's
     * row estimate is the top node's {@code Plan Rows}.
     */
    public static Sql explainCount(ReadSource source, ReadQuery query, RelationLookup lookup) {
        var planner = new Planner(lookup, null, query);
        Node root = planner.node(source.shape(), source.from(), query.select(), List.of(), query.root());
        var sql = new Sql().append("EXPLAIN (FORMAT JSON) ");
        if (source.with() != null && !source.with().isEmpty()) {
            sql.append("WITH ").append(source.with()).append(" ");
        }
        return sql.append(root.render(List.of(), true, false));
    }

    /**
     * The body aggregate over the rows of the CTE {@code rows}, read as {@code FROM <rows> _postgrest_t}: reads,
     * write representations and function results render their bodies with it.
     */
    public static String body(Shape shape, String rows) {
        return switch (shape) {
            case ARRAY -> "coalesce(json_agg(_postgrest_t), '[]')::text";
            case ARRAY_STRIPPED -> "coalesce(json_strip_nulls(json_agg(_postgrest_t)), '[]')::text";
            case OBJECT -> "coalesce(json_agg(_postgrest_t)->0, 'null')::text";
            case OBJECT_STRIPPED -> "coalesce(json_strip_nulls(json_agg(_postgrest_t)->0), 'null')::text";
            // PostgREST's CSV: the keys of the first row, then each row's record text without its parentheses
            case CSV -> "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text AS k"
                    + " FROM (SELECT row_to_json(hh) AS r FROM " + rows + " AS hh LIMIT 1) s) a) || '\n' || "
                    + "coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'),"
                    + " '')";
            case NONE -> "NULL::text";
        };
    }

    static Long effectiveLimit(Long limit, Long maxRows) {
        if (maxRows == null) {
            return limit;
        }
        return limit == null ? maxRows : Math.min(limit, maxRows);
    }

    /** State shared by the levels of one plan: alias numbering and the lookups. */
    private static final class Planner {
        final RelationLookup lookup;
        final Long maxRows;
        final ReadQuery query;
        int aliases;

        Planner(RelationLookup lookup, Long maxRows, ReadQuery query) {
            this.lookup = lookup;
            this.maxRows = maxRows;
            this.query = query;
        }

        Node node(RelationInfo relation, Sql from, List<SelectItem> items, List<String> path, ReadQuery.Level level) {
            var node = new Node(this, relation, from, "pgrst_" + aliases++, items, level);
            for (SelectItem item : items) {
                if (item instanceof SelectItem.Embed embed) {
                    node.children.add(child(node, embed, path));
                }
            }
            return node;
        }

        private Child child(Node parent, SelectItem.Embed embed, List<String> path) {
            RelationshipInfo rel = Relationships.find(parent.relation, embed.relation(), embed.hint());
            RelationInfo target = lookup.find(rel.targetSchema(), rel.target()).orElseThrow(() ->
                    ApiError.of(400, "PGRST200", "Could not find a relationship between '" + parent.relation.name()
                            + "' and '" + embed.relation() + "' in the schema cache", null, null));
            if (embed.spread() && !rel.toOne()) {
                throw ApiError.of(400, "PGRST127", "Feature not implemented",
                        "Spreading a to-many relationship ('" + embed.relation() + "')", null);
            }
            String name = embed.alias() != null ? embed.alias() : embed.relation();
            List<String> childPath = extend(path, name);
            if (!query.levels().containsKey(childPath) && embed.alias() != null) {
                // PostgREST's legacy target names: filters may name an aliased embed by its relation
                childPath = extend(path, embed.relation());
            }
            Sql from = new Sql().ident(target.schema()).append(".").ident(target.name());
            Node node = node(target, from, embed.items(), childPath, query.level(childPath));
            return new Child(embed, rel, node, name, parent.alias + "_" + node.alias,
                    "inner".equals(embed.joinType()));
        }

        private static List<String> extend(List<String> path, String step) {
            var out = new ArrayList<>(path);
            out.add(step);
            return List.copyOf(out);
        }
    }

    /** An embed at some level. */
    private record Child(SelectItem.Embed embed, RelationshipInfo rel, Node node, String name, String lateral,
                         boolean inner) {
        /** True when the embedded side has a row (to-one) or at least one row (to-many). */
        String present() {
            return rel.toOne()
                    ? "row_to_json(" + Sql.quoteIdent(lateral) + ".*) IS NOT NULL"
                    : Sql.quoteIdent(lateral) + "." + Sql.quoteIdent(AGG) + " IS NOT NULL";
        }
    }

    /** One level of the read: a relation, its select items, filters, order and paging, and its embeds. */
    private static final class Node implements FilterSql.Scope {
        final Planner planner;
        final RelationInfo relation;
        final Map<String, ColumnInfo> columns;
        final Sql from;
        final String alias;
        final List<SelectItem> items;
        final ReadQuery.Level level;
        final List<Child> children = new ArrayList<>();

        Node(Planner planner, RelationInfo relation, Sql from, String alias, List<SelectItem> items,
             ReadQuery.Level level) {
            this.planner = planner;
            this.relation = relation;
            this.columns = relation.columnsByName();
            this.from = from;
            this.alias = alias;
            this.items = items;
            this.level = level;
        }

        @Override
        public String relationName() {
            return relation.name();
        }

        @Override
        public ColumnInfo column(String name) {
            ColumnInfo column = columns.get(name);
            if (column == null) {
                // PostgreSQL's own error for an unknown column, answered without a round trip
                throw ApiError.of(400, "42703", "column " + relation.name() + "." + name + " does not exist", null,
                        null);
            }
            return column;
        }

        @Override
        public void field(Sql sql, Field field) {
            ColumnInfo column = column(field.name());
            String qualified = Sql.quoteIdent(alias) + "." + Sql.quoteIdent(column.name());
            jsonPath(sql, qualified, column.sqlType(), field.path());
        }

        @Override
        public String embedPresent(String name) {
            Child child = childNamed(name);
            return child == null ? null : child.present();
        }

        Child childNamed(String name) {
            for (Child c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            for (Child c : children) {
                if (c.embed.relation().equals(name)) {
                    return c;
                }
            }
            return null;
        }

        /**
         * {@code SELECT ... FROM source AS alias [junction] [laterals] WHERE ... ORDER BY ... LIMIT ... OFFSET ...}.
         *
         * @param joinConditions  conditions tying the level to its parent row
         * @param countOnly       the top level's count query: {@code SELECT 1}, only the embeds filters need, no
         *                        order or paging
         * @param paged           apply limit/offset (not on to-one levels)
         */
        Sql render(List<Sql> joinConditions, boolean countOnly, boolean paged) {
            var sql = new Sql().append("SELECT ");
            if (countOnly) {
                sql.append("1");
            } else {
                selectList(sql);
            }
            sql.append(" FROM ").append(from).append(" AS ").ident(alias);
            var where = new ArrayList<Sql>(joinConditions);
            for (Child child : children) {
                if (countOnly && !child.inner && !referenced(child)) {
                    continue;
                }
                sql.append(" LEFT JOIN LATERAL (").append(lateral(child)).append(") AS ").ident(child.lateral)
                        .append(" ON TRUE");
                if (child.inner) {
                    where.add(new Sql().append(child.present()));
                }
            }
            for (Condition condition : level.where()) {
                var c = new Sql();
                FilterSql.condition(c, this, condition);
                where.add(c);
            }
            if (!where.isEmpty()) {
                sql.append(" WHERE ");
                for (int i = 0; i < where.size(); i++) {
                    sql.append(i > 0 ? " AND " : "").append(where.get(i));
                }
            }
            if (countOnly) {
                return sql;
            }
            orderBy(sql);
            if (!paged) {
                return sql;
            }
            Long limit = effectiveLimit(level.limit(), planner.maxRows);
            if (limit != null) {
                sql.append(" LIMIT ").param(Long.toString(limit));
            }
            if (level.offset() > 0) {
                sql.append(" OFFSET ").param(Long.toString(level.offset()));
            }
            return sql;
        }

        /** The subquery joined laterally for an embed. */
        private Sql lateral(Child child) {
            RelationshipInfo rel = child.rel;
            Node target = child.node;
            var conditions = new ArrayList<Sql>();
            Sql from;
            if (rel.junction() != null) {
                RelationshipInfo.Junction j = rel.junction();
                String junction = target.alias + "_j";
                from = new Sql().ident(j.schema()).append(".").ident(j.name()).append(" AS ").ident(junction);
                for (int i = 0; i < rel.columns().size(); i++) {
                    conditions.add(new Sql().ident(junction).append(".").ident(j.sourceColumns().get(i))
                            .append(" = ").ident(alias).append(".").ident(rel.columns().get(i)));
                }
                var exists = new Sql().append("EXISTS (SELECT 1 FROM ").append(from).append(" WHERE ");
                for (int i = 0; i < conditions.size(); i++) {
                    exists.append(conditions.get(i)).append(" AND ");
                }
                for (int i = 0; i < rel.targetColumns().size(); i++) {
                    exists.append(i > 0 ? " AND " : "").ident(junction).append(".").ident(j.targetColumns().get(i))
                            .append(" = ").ident(target.alias).append(".").ident(rel.targetColumns().get(i));
                }
                conditions = new ArrayList<>(List.of(exists.append(")")));
            } else {
                for (int i = 0; i < rel.columns().size(); i++) {
                    conditions.add(new Sql().ident(target.alias).append(".").ident(rel.targetColumns().get(i))
                            .append(" = ").ident(alias).append(".").ident(rel.columns().get(i)));
                }
            }
            if (rel.toOne()) {
                return target.render(conditions, false, false);
            }
            String rows = child.lateral + "_t";
            return new Sql().append("SELECT json_agg(").ident(rows).append(")::jsonb AS ").ident(AGG)
                    .append(" FROM (").append(target.render(conditions, false, true)).append(") AS ").ident(rows);
        }

        private boolean referenced(Child child) {
            for (Condition c : level.where()) {
                if (mentions(c, child)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean mentions(Condition c, Child child) {
            return switch (c) {
                case Condition.Filter f -> f.field().path().isEmpty()
                        && (f.field().name().equals(child.name) || f.field().name().equals(child.embed.relation()));
                case Condition.Logic l -> l.children().stream().anyMatch(x -> mentions(x, child));
            };
        }

        private void selectList(Sql sql) {
            boolean first = true;
            for (SelectItem item : items) {
                var part = new Sql();
                switch (item) {
                    case SelectItem.Star star -> part.ident(alias).append(".*");
                    case SelectItem.Column column -> selectColumn(part, column);
                    case SelectItem.Embed embed -> embedColumns(part, childFor(embed));
                }
                if (part.isEmpty()) {
                    continue;
                }
                sql.append(first ? "" : ", ").append(part);
                first = false;
            }
        }

        private Child childFor(SelectItem.Embed embed) {
            for (Child c : children) {
                if (c.embed == embed) {
                    return c;
                }
            }
            throw new IllegalStateException("embed without a plan");
        }

        private void embedColumns(Sql sql, Child child) {
            String lateral = Sql.quoteIdent(child.lateral);
            if (child.embed.spread()) {
                List<String> names = child.node.outputNames();
                for (int i = 0; i < names.size(); i++) {
                    sql.append(i > 0 ? ", " : "").append(lateral).append(".").ident(names.get(i))
                            .append(" AS ").ident(names.get(i));
                }
                return;
            }
            if (child.embed.items().isEmpty()) {
                return;
            }
            if (child.rel.toOne()) {
                sql.append("row_to_json(").append(lateral).append(".*)::jsonb AS ").ident(child.name);
            } else {
                sql.append("COALESCE(").append(lateral).append(".").ident(AGG).append(", '[]'::jsonb) AS ")
                        .ident(child.name);
            }
        }

        /** The keys this level's rows have, for spreading them into the parent. */
        List<String> outputNames() {
            var names = new ArrayList<String>();
            for (SelectItem item : items) {
                switch (item) {
                    case SelectItem.Star star -> relation.columns().forEach(c -> names.add(c.name()));
                    case SelectItem.Column column -> names.add(column.alias() != null ? column.alias()
                            : column.field().outputName());
                    case SelectItem.Embed embed -> {
                        Child child = childFor(embed);
                        if (embed.spread()) {
                            names.addAll(child.node.outputNames());
                        } else if (!embed.items().isEmpty()) {
                            names.add(child.name);
                        }
                    }
                }
            }
            return names;
        }

        private void selectColumn(Sql sql, SelectItem.Column column) {
            Field field = column.field();
            if (column.cast() != null) {
                sql.append("CAST(");
                field(sql, field);
                sql.append(" AS ").append(castType(column.cast())).append(")");
            } else {
                field(sql, field);
            }
            String name = column.alias();
            if (name == null && (column.cast() != null || !field.path().isEmpty())) {
                name = field.outputName();
            }
            if (name != null) {
                sql.append(" AS ").ident(name);
            }
        }

        private void orderBy(Sql sql) {
            List<OrderTerm> order = level.order();
            if (order.isEmpty()) {
                return;
            }
            sql.append(" ORDER BY ");
            for (int i = 0; i < order.size(); i++) {
                OrderTerm term = order.get(i);
                if (i > 0) {
                    sql.append(", ");
                }
                if (term.relation() == null) {
                    field(sql, term.field());
                } else {
                    relatedOrder(sql, term);
                }
                sql.append(term.descending() ? " DESC" : " ASC");
                if (term.nulls() != null) {
                    sql.append(" NULLS ").append(term.nulls());
                }
            }
        }

        /** {@code order=clients(name)}: a column of a to-one embed, as the embed selected it. */
        private void relatedOrder(Sql sql, OrderTerm term) {
            Child child = childNamed(term.relation());
            if (child == null) {
                throw ApiError.of(400, "PGRST108", "'" + term.relation()
                        + "' is not an embedded resource in this request", null, "Verify that '" + term.relation()
                        + "' is included in the 'select' query parameter.");
            }
            if (!child.rel.toOne()) {
                throw ApiError.of(400, "PGRST118", "A related order on '" + child.name + "' is not possible",
                        "'" + relation.name() + "' and '" + child.name
                                + "' do not form a many-to-one or one-to-one relationship", null);
            }
            ColumnInfo column = child.node.column(term.field().name());
            String qualified = Sql.quoteIdent(child.lateral) + "." + Sql.quoteIdent(column.name());
            jsonPath(sql, qualified, column.sqlType(), term.field().path());
        }
    }

    /** {@code qualified} followed by {@code ->}/{@code ->>} steps whose keys are bind parameters. */
    private static void jsonPath(Sql sql, String qualified, String sqlType, List<Field.JsonStep> path) {
        if (path.isEmpty()) {
            sql.append(qualified);
            return;
        }
        boolean json = sqlType.equals("json") || sqlType.equals("jsonb");
        sql.append(json ? qualified : "to_jsonb(" + qualified + ")");
        for (Field.JsonStep step : path) {
            sql.append(step.asText() ? "->>" : "->");
            sql.append("(").param(step.key()).append(step.index() ? "::integer)" : "::text)");
        }
    }

    private static String castType(String requested) {
        String type = requested.toLowerCase(Locale.ROOT).strip();
        if (!CASTABLE.contains(type)) {
            throw ApiError.of(400, "42704", "type \"" + requested + "\" does not exist", null, null);
        }
        return type;
    }
}
