package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.plan.HandlerPlan;
import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.plan.WritePlan;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.MediaHandlerInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Plans PostgREST's writes: {@code POST} (insert, upsert), {@code PUT}, {@code PATCH} and {@code DELETE}. It resolves
 * the body's keys and {@code columns=}/{@code on_conflict=} (PGRST100, PGRST204), PUT's key (PGRST105), the filters
 * (on the relation itself) and the representation (a read of the written rows), raising their errors in the order the
 * handler asks (the body's keys are known only once the body is parsed) and, within a statement, filters first.
 * {@link dev.pgapi.runtime.query.render.WriteRenderer} writes the statement.
 */
public final class WritePlanner {

    private WritePlanner() {}

    /**
     * What the response needs from the written rows, as the request asks for it.
     *
     * @param returning       the {@code return=} preference
     * @param representation  select list and order of the representation (filters and paging are not applied)
     * @param shape           how the representation is rendered (the negotiated media type)
     * @param lookup          embedding targets of the representation
     * @param handler         the media type handler for {@link Shape#HANDLER}, else null
     */
    public record Output(
            WritePlan.Returning returning,
            ReadQuery representation,
            Shape shape,
            RelationLookup lookup,
            MediaHandlerInfo handler) {

        public Output(WritePlan.Returning returning, ReadQuery representation, Shape shape, RelationLookup lookup) {
            this(returning, representation, shape, lookup, null);
        }
    }

    /** An insert, an upsert or a PUT, as {@code mode} says. */
    public static WritePlan.Insert insert(
            RelationInfo relation, WritePlan.Rows rows, WritePlan.InsertMode mode, Output output) {
        return new WritePlan.Insert(relation, rows, mode, output(relation, output));
    }

    /**
     * {@code PATCH}: {@code set} from the body, {@code toDefault} to their defaults ({@code missing=default} with
     * {@code ?columns=}).
     */
    public static WritePlan.Update update(
            RelationInfo relation,
            List<ColumnInfo> set,
            List<ColumnInfo> toDefault,
            String json,
            List<Condition> where,
            Output output) {
        var conditions = ConditionPlanner.onRelation(relation, where);
        return new WritePlan.Update(relation, set, toDefault, json, conditions, output(relation, output));
    }

    /** {@code DELETE}. */
    public static WritePlan.Delete delete(RelationInfo relation, List<Condition> where, Output output) {
        var conditions = ConditionPlanner.onRelation(relation, where);
        return new WritePlan.Delete(relation, conditions, output(relation, output));
    }

    /** The body's keys as columns; an unknown key is PGRST204, found before the database is asked. */
    public static List<ColumnInfo> columns(RelationInfo relation, Collection<String> keys) {
        Map<String, ColumnInfo> byName = relation.columnsByName();
        var columns = new ArrayList<ColumnInfo>();
        for (String key : keys) {
            ColumnInfo column = byName.get(key);
            if (column == null) {
                throw ApiErrors.columnNotFound(key, relation.name());
            }
            columns.add(column);
        }
        return columns;
    }

    /**
     * {@code ?columns=a,b} / {@code ?on_conflict=a,b} resolved: null when absent, PGRST100 when empty, PGRST204 when
     * a name is unknown.
     */
    public static List<ColumnInfo> columnList(RelationInfo relation, List<QueryString.Param> params, String name) {
        String value = null;
        for (QueryString.Param p : params) {
            if (p.key().equals(name)) {
                value = p.value();
            }
        }
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw ApiErrors.queryParam(name + " parameter", value, 0, "field name (* or [a..z0..9_$])");
        }
        var names = new LinkedHashSet<String>();
        for (String item : value.split(",")) {
            String n = item.strip();
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1);
            }
            names.add(n);
        }
        return columns(relation, names);
    }

    /** The primary key's columns, in the key's order. */
    public static List<ColumnInfo> primaryKey(RelationInfo relation) {
        Map<String, ColumnInfo> byName = relation.columnsByName();
        return relation.primaryKey().stream().map(byName::get).toList();
    }

    /** PUT's filters must be exactly the primary key columns, each once with a plain {@code eq}: else PGRST105. */
    public static List<WritePlan.KeyValue> putKey(RelationInfo relation, List<Condition> where) {
        var key = new ArrayList<WritePlan.KeyValue>();
        var seen = new HashSet<String>();
        Map<String, ColumnInfo> byName = relation.columnsByName();
        for (Condition c : where) {
            if (!(c instanceof Condition.Filter f)
                    || f.negated()
                    || f.operator() != Operator.EQ
                    || f.quantifier() != null
                    || !f.field().path().isEmpty()
                    || !relation.primaryKey().contains(f.field().name())
                    || !seen.add(f.field().name())) {
                throw ApiErrors.putFilters();
            }
            key.add(new WritePlan.KeyValue(byName.get(f.field().name()), f.value()));
        }
        if (relation.primaryKey().isEmpty() || !seen.containsAll(relation.primaryKey())) {
            throw ApiErrors.putFilters();
        }
        return key;
    }

    /** The representation: the written rows ({@code pgrst_mutation}) read like the relation, without filters. */
    private static WritePlan.Output output(RelationInfo relation, Output output) {
        LevelPlan representation = null;
        if (output.returning() == WritePlan.Returning.REPRESENTATION) {
            var shaped = new ReadQuery(
                    output.representation().select(),
                    List.of(),
                    output.representation().order(),
                    null,
                    0);
            representation =
                    ReadPlanner.level(relation, shaped, output.lookup(), null, new Sql().append("pgrst_mutation"));
        }
        List<ColumnInfo> returned = switch (output.returning()) {
            case REPRESENTATION -> RepresentationColumns.of(relation, representation);
            case HEADERS_ONLY ->
                relation.primaryKey().stream().map(relation::column).toList();
            case MINIMAL -> List.of();
        };
        HandlerPlan handler = output.handler() == null
                ? null
                : new HandlerPlan(output.handler(), relation.schema(), relation.name(), false);
        return new WritePlan.Output(output.returning(), representation, output.shape(), returned, handler);
    }
}
