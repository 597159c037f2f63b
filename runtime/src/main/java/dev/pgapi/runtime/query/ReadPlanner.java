package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.ComputedFieldInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.ArrayList;
import java.util.HashSet;
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
            "text",
            "varchar",
            "char",
            "name",
            "citext",
            "bool",
            "boolean",
            "int",
            "int2",
            "int4",
            "int8",
            "integer",
            "smallint",
            "bigint",
            "numeric",
            "decimal",
            "real",
            "float4",
            "float8",
            "double precision",
            "money",
            "json",
            "jsonb",
            "uuid",
            "date",
            "time",
            "timetz",
            "timestamp",
            "timestamptz",
            "interval",
            "bytea",
            "inet",
            "cidr",
            "macaddr",
            "tsvector",
            "xml",
            "oid");

    private static final String AGG = "pgrst_agg";

    private ReadPlanner() {}

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
        /**
         * GeoJSON: a FeatureCollection of PostGIS's {@code ST_AsGeoJSON} of each row, PostgREST's built-in handler for
         * {@code application/geo+json}; without PostGIS, PostgreSQL's 42883 as PostgREST answers it
         */
        GEOJSON,
        /** no body (HEAD) */
        NONE
    }

    /**
     * How to plan.
     *
     * @param maxRows     {@code db-max-rows}, or null: caps every level
     * @param shape       how to render the body
     * @param exactCount  compute {@code total_result_set}: the rows matching the top-level filters, ignoring paging
     * @param countLimit  count at most this many rows, or null for all ({@code count=estimated} stops one past
     *                    {@code db-max-rows}, as PostgREST does: beyond it the planner's estimate may answer)
     */
    public record Options(Long maxRows, Shape shape, boolean exactCount, Long countLimit) {

        public Options(Long maxRows, Shape shape, boolean exactCount) {
            this(maxRows, shape, exactCount, null);
        }
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
        sql.append("pgrst_source AS (")
                .append(root.render(List.of(), false, true))
                .append(") SELECT ");
        if (options.exactCount()) {
            sql.append("(SELECT pg_catalog.count(*) FROM (").append(root.render(List.of(), true, false));
            if (options.countLimit() != null) {
                sql.append(" LIMIT ").rowCount(options.countLimit());
            }
            sql.append(") _pgrst_count)");
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
        return planner.node(relation, from, query.select(), List.of(), query.root())
                .render(List.of(), false, true);
    }

    /** The rows an exact count counts: {@link #select}'s top-level filters, without paging. */
    public static Sql countSource(RelationInfo relation, ReadQuery query, RelationLookup lookup, Sql from) {
        var planner = new Planner(lookup, null, query);
        return planner.node(relation, from, query.select(), List.of(), query.root())
                .render(List.of(), true, false);
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
            return lookupColumn(relation, relation.columnsByName(), name, relation.name());
        }

        @Override
        public void field(Sql sql, Field field) {
            ColumnInfo column = column(field.name());
            String row = Sql.quoteIdent(relation.name());
            jsonPath(
                    sql, value(relation, relation.columnsByName(), row, column.name()), column.sqlType(), field.path());
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
            case CSV ->
                "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text AS k"
                        + " FROM (SELECT row_to_json(hh) AS r FROM " + rows + " AS hh LIMIT 1) s) a) || '\n' || "
                        + "coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'),"
                        + " '')";
            // resolved through the search path, as PostgREST does (PostGIS often lives in db-extra-search-path)
            case GEOJSON ->
                "json_build_object('type', 'FeatureCollection', 'features',"
                        + " coalesce(json_agg(ST_AsGeoJSON(_postgrest_t)::json), '[]'))::text";
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
            // PostgREST aliases an embedded relation <name>_<depth>; PostgreSQL's errors about its columns name that
            String errorAlias = path.isEmpty() ? relation.name() : relation.name() + "_" + path.size();
            var node =
                    new Node(this, relation, from, "pgrst_" + aliases++, rowCounts(relation, items), level, errorAlias);
            var lateralNames = new HashSet<String>();
            for (SelectItem item : node.items) {
                if (item instanceof SelectItem.Embed embed) {
                    node.children.add(child(node, embed, path));
                    String name = embed.alias() != null ? embed.alias() : embed.relation();
                    if (!lateralNames.add(name)) {
                        // PostgREST joins each embed as <relation>_<name>_<depth>: a second embed of the same name
                        // is PostgreSQL's error about the join alias, never an object with a duplicated key
                        throw ApiErrors.duplicateAlias(relation.name() + "_" + name + "_" + (path.size() + 1));
                    }
                }
            }
            return node;
        }

        /**
         * {@code count} where the relation has no such column or computed field: PostgREST writes
         * {@code alias.count}, which PostgreSQL reads as {@code count(alias)} (functional notation), the rows' count.
         */
        private static List<SelectItem> rowCounts(RelationInfo relation, List<SelectItem> items) {
            List<SelectItem> out = null;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof SelectItem.Column c
                        && c.aggregate() == null
                        && c.field().name().equals("count")
                        && c.field().path().isEmpty()
                        && !relation.columnsByName().containsKey("count")
                        && relation.computedField("count") == null) {
                    if (out == null) {
                        out = new ArrayList<>(items);
                    }
                    out.set(i, new SelectItem.Column(Field.of("*"), c.alias(), null, "count", c.cast()));
                }
            }
            return out == null ? items : List.copyOf(out);
        }

        private Child child(Node parent, SelectItem.Embed embed, List<String> path) {
            RelationshipInfo rel = Relationships.find(parent.relation, embed.relation(), embed.hint());
            RelationInfo target = lookup.find(rel.targetSchema(), rel.target())
                    .orElseThrow(() -> ApiErrors.noRelationship(parent.relation.name(), embed.relation(), null, null));
            String name = embed.alias() != null ? embed.alias() : embed.relation();
            List<String> childPath = extend(path, name);
            if (!query.levels().containsKey(childPath) && embed.alias() != null && query.legacyTargetNames()) {
                // PostgREST's legacy target names: filters may name an aliased embed by its relation
                childPath = extend(path, embed.relation());
            }
            Sql from = new Sql().ident(target.schema()).append(".").ident(target.name());
            Node node = node(target, from, embed.items(), childPath, query.level(childPath));
            node.hoists = embed.spread() && rel.toOne();
            if (embed.spread() && !rel.toOne() && node.spreadColumns().stream().anyMatch(c -> c.aggregate() != null)) {
                throw ApiErrors.spreadAggregates();
            }
            return new Child(embed, rel, node, name, parent.alias + "_" + node.alias, "inner".equals(embed.joinType()));
        }

        private static List<String> extend(List<String> path, String step) {
            var out = new ArrayList<>(path);
            out.add(step);
            return List.copyOf(out);
        }
    }

    /** An embed at some level. */
    private record Child(
            SelectItem.Embed embed, RelationshipInfo rel, Node node, String name, String lateral, boolean inner) {
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
        /** A to-one spread: its aggregates are applied by the parent, over the parent's groups. */
        boolean hoists;
        /** The name PostgREST's SQL gives this level, as PostgreSQL's errors about its columns show it. */
        final String errorAlias;

        Node(
                Planner planner,
                RelationInfo relation,
                Sql from,
                String alias,
                List<SelectItem> items,
                ReadQuery.Level level,
                String errorAlias) {
            this.planner = planner;
            this.relation = relation;
            this.columns = relation.columnsByName();
            this.from = from;
            this.alias = alias;
            this.items = items;
            this.level = level;
            this.errorAlias = errorAlias;
        }

        @Override
        public String relationName() {
            return relation.name();
        }

        @Override
        public ColumnInfo column(String name) {
            return lookupColumn(relation, columns, name, errorAlias);
        }

        @Override
        public void field(Sql sql, Field field) {
            ColumnInfo column = column(field.name());
            jsonPath(
                    sql,
                    value(relation, columns, Sql.quoteIdent(alias), column.name()),
                    column.sqlType(),
                    field.path());
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
                sql.append(" LEFT JOIN LATERAL (")
                        .append(lateral(child))
                        .append(") AS ")
                        .ident(child.lateral)
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
            groupBy(sql);
            orderBy(sql);
            if (!paged) {
                return sql;
            }
            Long limit = effectiveLimit(level.limit(), planner.maxRows);
            if (limit != null) {
                sql.append(" LIMIT ").rowCount(limit);
            }
            if (level.offset() > 0) {
                sql.append(" OFFSET ").rowCount(level.offset());
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
                from = new Sql()
                        .ident(j.schema())
                        .append(".")
                        .ident(j.name())
                        .append(" AS ")
                        .ident(junction);
                for (int i = 0; i < rel.columns().size(); i++) {
                    conditions.add(new Sql()
                            .ident(junction)
                            .append(".")
                            .ident(j.sourceColumns().get(i))
                            .append(" = ")
                            .ident(alias)
                            .append(".")
                            .ident(rel.columns().get(i)));
                }
                var exists =
                        new Sql().append("EXISTS (SELECT 1 FROM ").append(from).append(" WHERE ");
                for (int i = 0; i < conditions.size(); i++) {
                    exists.append(conditions.get(i)).append(" AND ");
                }
                for (int i = 0; i < rel.targetColumns().size(); i++) {
                    exists.append(i > 0 ? " AND " : "")
                            .ident(junction)
                            .append(".")
                            .ident(j.targetColumns().get(i))
                            .append(" = ")
                            .ident(target.alias)
                            .append(".")
                            .ident(rel.targetColumns().get(i));
                }
                conditions = new ArrayList<>(List.of(exists.append(")")));
            } else {
                for (int i = 0; i < rel.columns().size(); i++) {
                    conditions.add(new Sql()
                            .ident(target.alias)
                            .append(".")
                            .ident(rel.targetColumns().get(i))
                            .append(" = ")
                            .ident(alias)
                            .append(".")
                            .ident(rel.columns().get(i)));
                }
            }
            if (rel.toOne()) {
                return target.render(conditions, false, false);
            }
            String rows = child.lateral + "_t";
            var sql = new Sql()
                    .append("SELECT json_agg(")
                    .ident(rows)
                    .append(")::jsonb AS ")
                    .ident(AGG);
            if (child.embed.spread()) {
                // a to-many spread: one array per column, all from the same (ordered) pass over the rows
                for (SpreadColumn column : target.spreadColumns()) {
                    sql.append(", COALESCE(json_agg(")
                            .ident(rows)
                            .append(".")
                            .ident(column.name())
                            .append("), '[]')::jsonb AS ")
                            .ident(column.name());
                }
            }
            return sql.append(" FROM (")
                    .append(target.render(conditions, false, true))
                    .append(") AS ")
                    .ident(rows);
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
                case Condition.Filter f ->
                    f.field().path().isEmpty()
                            && (f.field().name().equals(child.name)
                                    || f.field().name().equals(child.embed.relation()));
                case Condition.Logic l -> l.children().stream().anyMatch(x -> mentions(x, child));
            };
        }

        private void selectList(Sql sql) {
            List<Out> outs = outputs();
            for (int i = 0; i < outs.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(outs.get(i).sql());
            }
        }

        /** PostgREST's automatic grouping: by every output that is not an aggregate, when there is one. */
        private void groupBy(Sql sql) {
            List<Out> outs = outputs();
            if (outs.stream().noneMatch(Out::aggregate)) {
                return;
            }
            var positions = new ArrayList<String>();
            for (int i = 0; i < outs.size(); i++) {
                if (!outs.get(i).aggregate()) {
                    positions.add(Integer.toString(i + 1));
                }
            }
            if (!positions.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(", ", positions));
            }
        }

        /** True when this level computes aggregates itself (a to-one spread leaves its own to the parent). */
        private boolean aggregates() {
            for (SelectItem item : items) {
                if (item instanceof SelectItem.Column c && c.aggregate() != null && !hoists) {
                    return true;
                }
                if (item instanceof SelectItem.Embed e
                        && e.spread()
                        && !hoists
                        && childFor(e).node.hoists
                        && childFor(e).node.spreadColumns().stream().anyMatch(c -> c.aggregate() != null)) {
                    return true;
                }
            }
            return false;
        }

        /** The output columns of this level, in order. */
        private List<Out> outputs() {
            boolean grouped = aggregates();
            var outs = new ArrayList<Out>();
            for (SelectItem item : items) {
                switch (item) {
                    case SelectItem.Star star -> {
                        if (grouped) {
                            // grouping needs the columns one by one
                            for (ColumnInfo c : relation.columns()) {
                                outs.add(new Out(
                                        new Sql().ident(alias).append(".").ident(c.name()), false));
                            }
                        } else {
                            outs.add(new Out(new Sql().ident(alias).append(".*"), false));
                        }
                    }
                    case SelectItem.Column column -> outs.add(column(column));
                    case SelectItem.Embed embed -> embedColumns(outs, childFor(embed));
                }
            }
            return outs;
        }

        private Child childFor(SelectItem.Embed embed) {
            for (Child c : children) {
                if (c.embed == embed) {
                    return c;
                }
            }
            throw new IllegalStateException("embed without a plan");
        }

        private void embedColumns(List<Out> outs, Child child) {
            String lateral = Sql.quoteIdent(child.lateral);
            if (child.embed.spread()) {
                for (SpreadColumn column : child.node.spreadColumns()) {
                    var sql = new Sql();
                    String value = lateral + "." + Sql.quoteIdent(column.name());
                    boolean aggregated = column.aggregate() != null && !hoists;
                    if (aggregated) {
                        aggregate(sql, column.aggregate(), column.aggregateCast(), new Sql().append(value));
                    } else {
                        sql.append(value);
                    }
                    outs.add(new Out(sql.append(" AS ").ident(column.name()), aggregated));
                }
                return;
            }
            if (child.embed.items().isEmpty()) {
                return;
            }
            var sql = new Sql();
            if (child.rel.toOne()) {
                sql.append("row_to_json(")
                        .append(lateral)
                        .append(".*)::jsonb AS ")
                        .ident(child.name);
            } else {
                sql.append("COALESCE(")
                        .append(lateral)
                        .append(".")
                        .ident(AGG)
                        .append(", '[]'::jsonb) AS ")
                        .ident(child.name);
            }
            outs.add(new Out(sql, false));
        }

        /** The columns this level's rows have, for spreading them into the parent. */
        List<SpreadColumn> spreadColumns() {
            var columns = new ArrayList<SpreadColumn>();
            for (SelectItem item : items) {
                switch (item) {
                    case SelectItem.Star star ->
                        relation.columns().forEach(c -> columns.add(new SpreadColumn(c.name(), null, null)));
                    case SelectItem.Column column ->
                        columns.add(new SpreadColumn(column.outputName(), column.aggregate(), column.aggregateCast()));
                    case SelectItem.Embed embed -> {
                        Child child = childFor(embed);
                        if (embed.spread()) {
                            for (SpreadColumn c : child.node.spreadColumns()) {
                                columns.add(child.node.hoists ? c : new SpreadColumn(c.name(), null, null));
                            }
                        } else if (!embed.items().isEmpty()) {
                            columns.add(new SpreadColumn(child.name, null, null));
                        }
                    }
                }
            }
            return columns;
        }

        /**
         * A column item. An aggregate is applied here unless this level is a to-one spread, which selects the value
         * (named by the output key) for its parent to aggregate.
         */
        private Out column(SelectItem.Column column) {
            var value = new Sql();
            Field field = column.field();
            if (field.name().equals("*") && field.path().isEmpty() && column.aggregate() != null) {
                // count(): the whole row
                value.ident(alias).append(hoists ? "" : ".*");
            } else if (column.cast() != null) {
                value.append("CAST(");
                field(value, field);
                value.append(" AS ").append(castType(column.cast())).append(")");
            } else {
                field(value, field);
            }
            var sql = new Sql();
            boolean aggregated = column.aggregate() != null && !hoists;
            if (aggregated) {
                aggregate(sql, column.aggregate(), column.aggregateCast(), value);
            } else {
                sql.append(value);
            }
            String name = column.alias();
            if (name == null
                    && (column.aggregate() != null
                            || column.cast() != null
                            || !field.path().isEmpty())) {
                name = column.outputName();
            }
            if (name != null) {
                sql.append(" AS ").ident(name);
            }
            return new Out(sql, aggregated);
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
                throw ApiErrors.notEmbedded(term.relation());
            }
            if (!child.rel.toOne()) {
                throw ApiErrors.relatedOrderNotToOne(relation.name(), child.name);
            }
            ColumnInfo column = child.node.column(term.field().name());
            String qualified = Sql.quoteIdent(child.lateral) + "." + Sql.quoteIdent(column.name());
            jsonPath(sql, qualified, column.sqlType(), term.field().path());
        }
    }

    /** A column, else a computed field (seen as a column), else PostgreSQL's 42703 without a round trip. */
    private static ColumnInfo lookupColumn(
            RelationInfo relation, Map<String, ColumnInfo> columns, String name, String errorAlias) {
        ColumnInfo column = columns.get(name);
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
     * The value of column or computed field {@code name} for the row {@code row}: {@code row."name"}, or
     * {@code "schema"."name"(row::"schema"."relation")} (the cast types rows of a CTE, e.g. a write's RETURNING).
     */
    private static String value(RelationInfo relation, Map<String, ColumnInfo> columns, String row, String name) {
        ComputedFieldInfo computed = columns.containsKey(name) ? null : relation.computedField(name);
        if (computed == null) {
            return row + "." + Sql.quoteIdent(name);
        }
        return Sql.quoteIdent(computed.schema()) + "." + Sql.quoteIdent(computed.name()) + "(" + row + "::"
                + Sql.quoteIdent(relation.schema()) + "." + Sql.quoteIdent(relation.name()) + ")";
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

    /** {@code FN(value)}, cast to {@code cast} when given. */
    private static void aggregate(Sql sql, String function, String cast, Sql value) {
        if (cast != null) {
            sql.append("CAST(");
        }
        sql.append(function.toUpperCase(Locale.ROOT)).append("(").append(value).append(")");
        if (cast != null) {
            sql.append(" AS ").append(castType(cast)).append(")");
        }
    }

    /** One output column of a level; {@code aggregate} marks those the automatic GROUP BY leaves out. */
    private record Out(Sql sql, boolean aggregate) {}

    /**
     * A column a spread level hands to its parent.
     *
     * @param name           its key
     * @param aggregate      the aggregate the parent applies (to-one spreads), or null
     * @param aggregateCast  the cast of the aggregate's result, or null
     */
    private record SpreadColumn(String name, String aggregate, String aggregateCast) {}

    private static String castType(String requested) {
        String type = requested.toLowerCase(Locale.ROOT).strip();
        if (!CASTABLE.contains(type)) {
            throw ApiErrors.undefinedType(requested);
        }
        return type;
    }
}
