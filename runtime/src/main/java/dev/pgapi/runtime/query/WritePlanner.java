package dev.pgapi.runtime.query;

import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.plan.WritePlan;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.List;

/**
 * Plans PostgREST's writes: {@code POST} (insert, upsert), {@code PUT}, {@code PATCH} and {@code DELETE}. The handler
 * has resolved the body's columns; this resolves the filters (on the relation itself) and the representation (a read
 * of the written rows), raising their errors in the order the statement names them: filters first.
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
     */
    public record Output(WritePlan.Returning returning, ReadQuery representation, Shape shape, RelationLookup lookup) {}

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
        return new WritePlan.Output(output.returning(), representation, output.shape());
    }
}
