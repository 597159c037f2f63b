package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.EmbedPlan;
import dev.pgapi.runtime.query.plan.Expr;
import dev.pgapi.runtime.query.plan.FieldRef;
import dev.pgapi.runtime.query.plan.HandlerPlan;
import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.OrderPlan;
import dev.pgapi.runtime.query.plan.Output;
import dev.pgapi.runtime.query.plan.ReadPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.MediaHandlerInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Plans a {@link ReadQuery}: resolves every embed, column, cast, filter and order term against the generated
 * descriptors and raises every error a read can have (PGRST100-series, PGRST200/201, 42703, 42704, 22P02 ...), so
 * that {@link dev.pgapi.runtime.query.render.ReadRenderer} only writes SQL.
 *
 * <p>Planning runs in two passes, in the order the errors were always raised: first the tree of embeds (relationships,
 * duplicate names, spreads), then each level's select list, its embeds' levels, its filters and its order.
 *
 * <p><b>Other sources.</b> A read may select from any {@link ReadSource}: a relation, or rows with a known shape,
 * e.g. the {@code RETURNING} rows of a write or a set-returning function. The source gets the alias {@code pgrst_0}.
 */
public final class ReadPlanner {

    private ReadPlanner() {}

    /**
     * How to plan.
     *
     * @param maxRows     {@code db-max-rows}, or null: caps every level
     * @param shape       how to render the body
     * @param exactCount  compute {@code total_result_set}: the rows matching the top-level filters, ignoring paging
     * @param countLimit  count at most this many rows, or null for all ({@code count=estimated} stops one past
     *                    {@code db-max-rows}, as PostgREST does: beyond it the planner's estimate may answer)
     * @param handler     the media type handler for {@link Shape#HANDLER}, else null
     */
    public record Options(Long maxRows, Shape shape, boolean exactCount, Long countLimit, MediaHandlerInfo handler) {

        public Options(Long maxRows, Shape shape, boolean exactCount, Long countLimit) {
            this(maxRows, shape, exactCount, countLimit, null);
        }

        public Options(Long maxRows, Shape shape, boolean exactCount) {
            this(maxRows, shape, exactCount, null, null);
        }
    }

    /** The plan of a read of a relation. */
    public static ReadPlan plan(RelationInfo relation, ReadQuery query, RelationLookup lookup, Options options) {
        return plan(ReadSource.relation(relation), query, lookup, options);
    }

    /** The plan of a read of any source; see the class comment. */
    public static ReadPlan plan(ReadSource source, ReadQuery query, RelationLookup lookup, Options options) {
        LevelPlan root = level(source.shape(), query, lookup, options.maxRows(), source.from());
        HandlerPlan handler = options.handler() == null
                ? null
                : new HandlerPlan(
                        options.handler(),
                        source.shape().schema(),
                        source.shape().name(),
                        false);
        return new ReadPlan(source.with(), root, options.shape(), options.exactCount(), options.countLimit(), handler);
    }

    /**
     * The top level of a read over {@code from} shaped like {@code relation}: writes use it to shape their RETURNING
     * rows ({@code from} names the mutation's CTE) and calls to read a function's result ({@code from} is the call).
     *
     * @param lookup   embedding targets
     * @param maxRows  {@code db-max-rows}, or null
     */
    public static LevelPlan level(
            RelationInfo relation, ReadQuery query, RelationLookup lookup, Long maxRows, Sql from) {
        var planner = new Planner(lookup, maxRows, query);
        return planner.node(relation, from, query.select(), List.of(), query.root())
                .plan();
    }

    /** Answers PostgreSQL's 42703 for a name {@code relation} lacks, without a round trip. */
    static ColumnInfo column(RelationInfo relation, String name) {
        return Columns.lookup(relation, name, relation.name());
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

        /** The first pass: a level and, recursively, the levels it embeds. */
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
                        && relation.column("count") == null
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
            Sql from = rel.computed() == null ? relation(target) : computedRows(rel.computed(), parent);
            Node node = node(target, from, embed.items(), childPath, query.level(childPath));
            node.hoists = embed.spread() && rel.toOne();
            if (embed.spread() && !rel.toOne() && node.spreadColumns().stream().anyMatch(c -> c.aggregate() != null)) {
                throw ApiErrors.spreadAggregates();
            }
            return new Child(embed, rel, node, name, parent.alias + "_" + node.alias, "inner".equals(embed.joinType()));
        }

        private static Sql relation(RelationInfo r) {
            return new Sql().ident(r.schema()).append(".").ident(r.name());
        }

        /**
         * A computed relationship's rows: its function called with the parent row, cast to the parent relation's
         * type as PostgREST does (the parent level may read from a CTE, e.g. a write's returned rows).
         */
        private static Sql computedRows(RelationshipInfo.Computed function, Node parent) {
            return new Sql()
                    .ident(function.schema())
                    .append(".")
                    .ident(function.function())
                    .append("(")
                    .ident(parent.alias)
                    .append("::")
                    .append(relation(parent.relation))
                    .append(")");
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
        EmbedPlan.Presence presence() {
            return new EmbedPlan.Presence(lateral, rel.toOne());
        }
    }

    /**
     * A column a spread level hands to its parent.
     *
     * @param name           its key
     * @param aggregate      the aggregate the parent applies (to-one spreads), or null
     * @param aggregateCast  the cast of the aggregate's result, or null
     */
    private record SpreadColumn(String name, String aggregate, String aggregateCast) {}

    /** One level of the read while it is planned: a relation, its select items and parameters, and its embeds. */
    private static final class Node implements ConditionPlanner.Scope {
        final Planner planner;
        final RelationInfo relation;
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
            this.from = from;
            this.alias = alias;
            this.items = items;
            this.level = level;
            this.errorAlias = errorAlias;
        }

        @Override
        public ColumnInfo column(String name) {
            return Columns.lookup(relation, name, errorAlias);
        }

        @Override
        public FieldRef field(Field field) {
            return Columns.ref(relation, alias, column(field.name()), field.path());
        }

        @Override
        public EmbedPlan.Presence embed(String name) {
            Child child = childNamed(name);
            return child == null ? null : child.presence();
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

        /** The second pass: the select list, the embedded levels, the filters and the order, in that order. */
        LevelPlan plan() {
            List<Output> outputs = outputs();
            var embeds = new ArrayList<EmbedPlan>(children.size());
            for (Child child : children) {
                List<String> spread = child.embed.spread() && !child.rel.toOne()
                        ? child.node.spreadColumns().stream()
                                .map(SpreadColumn::name)
                                .toList()
                        : List.of();
                embeds.add(new EmbedPlan(
                        child.rel,
                        child.presence(),
                        child.inner,
                        child.inner || referenced(child),
                        spread,
                        child.node.plan()));
            }
            List<ConditionPlan> where = ConditionPlanner.plan(this, level.where());
            var order = new ArrayList<OrderPlan>(level.order().size());
            for (OrderTerm term : level.order()) {
                FieldRef field = term.relation() == null ? field(term.field()) : relatedOrder(term);
                order.add(new OrderPlan(field, term.descending(), term.nulls()));
            }
            return new LevelPlan(
                    from,
                    alias,
                    outputs,
                    embeds,
                    where,
                    order,
                    effectiveLimit(level.limit(), planner.maxRows),
                    level.offset());
        }

        /** True when a filter of this level names the embed (its count must still join it). */
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
        private List<Output> outputs() {
            boolean grouped = aggregates();
            var outs = new ArrayList<Output>();
            for (SelectItem item : items) {
                switch (item) {
                    case SelectItem.Star star -> {
                        if (grouped || represented()) {
                            // grouping needs the columns one by one, and so do the casts of domain representations
                            for (ColumnInfo c : relation.columns()) {
                                FieldRef value =
                                        new FieldRef(new FieldRef.ColumnValue(alias, c.name()), c.sqlType(), List.of());
                                Expr expr = represent(c, new Expr.Value(value));
                                outs.add(new Output(expr, expr instanceof Expr.Represented ? c.name() : null, false));
                            }
                        } else {
                            outs.add(new Output(new Expr.AllColumns(alias), null, false));
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

        private void embedColumns(List<Output> outs, Child child) {
            if (child.embed.spread()) {
                for (SpreadColumn column : child.node.spreadColumns()) {
                    Expr value = new Expr.LateralColumn(child.lateral, column.name());
                    boolean aggregated = column.aggregate() != null && !hoists;
                    Expr expr = aggregated ? aggregate(column.aggregate(), column.aggregateCast(), value) : value;
                    outs.add(new Output(expr, column.name(), aggregated));
                }
                return;
            }
            if (child.embed.items().isEmpty()) {
                return;
            }
            Expr embedded =
                    child.rel.toOne() ? new Expr.EmbeddedObject(child.lateral) : new Expr.EmbeddedArray(child.lateral);
            outs.add(new Output(embedded, child.name, false));
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
        private Output column(SelectItem.Column column) {
            Field field = column.field();
            Expr value;
            if (field.name().equals("*") && field.path().isEmpty() && column.aggregate() != null) {
                // count(): the whole row
                value = hoists ? new Expr.WholeRow(alias) : new Expr.AllColumns(alias);
            } else {
                value = represent(column(field.name()), new Expr.Value(field(field)));
                if (column.cast() != null) {
                    value = new Expr.Cast(value, CastTypes.resolve(column.cast()));
                }
            }
            boolean aggregated = column.aggregate() != null && !hoists;
            Expr expr = aggregated ? aggregate(column.aggregate(), column.aggregateCast(), value) : value;
            String name = column.alias();
            if (name == null
                    && (column.aggregate() != null
                            || column.cast() != null
                            || !field.path().isEmpty()
                            || value instanceof Expr.Represented)) {
                name = column.outputName();
            }
            return new Output(expr, name, aggregated);
        }

        /**
         * PostgREST's domain representations: a column whose domain has a cast to json is output through the cast's
         * function (as PostgREST does, also after a JSON path, where PostgreSQL then finds no such function).
         */
        private Expr represent(ColumnInfo column, Expr value) {
            var toJson = column.representation().toJson();
            return toJson == null ? value : new Expr.Represented(toJson, value);
        }

        /** True when a column of the relation has a cast to json: PostgREST then spells {@code *} out. */
        private boolean represented() {
            for (ColumnInfo c : relation.columns()) {
                if (c.representation().toJson() != null) {
                    return true;
                }
            }
            return false;
        }

        /** {@code order=clients(name)}: a column of a to-one embed, as the embed selected it. */
        private FieldRef relatedOrder(OrderTerm term) {
            Child child = childNamed(term.relation());
            if (child == null) {
                throw ApiErrors.notEmbedded(term.relation());
            }
            if (!child.rel.toOne()) {
                throw ApiErrors.relatedOrderNotToOne(relation.name(), child.name);
            }
            ColumnInfo column = child.node.column(term.field().name());
            return new FieldRef(
                    new FieldRef.ColumnValue(child.lateral, column.name()),
                    column.sqlType(),
                    term.field().path());
        }
    }

    /** {@code FN(value)}, cast to {@code cast} when given. */
    private static Expr aggregate(String function, String cast, Expr value) {
        return new Expr.Aggregate(function, value, cast == null ? null : CastTypes.resolve(cast));
    }
}
