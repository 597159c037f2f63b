package dev.pgapi.runtime.query;

import dev.pgapi.runtime.query.plan.ConditionPlan;
import dev.pgapi.runtime.query.plan.EmbedPlan;
import dev.pgapi.runtime.query.plan.Expr;
import dev.pgapi.runtime.query.plan.FieldRef;
import dev.pgapi.runtime.query.plan.LevelPlan;
import dev.pgapi.runtime.query.plan.OrderPlan;
import dev.pgapi.runtime.query.plan.Output;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a write must return for its representation, as PostgREST infers them: those the representation reads,
 * the foreign key columns its embeds join on, and the primary key. {@code RETURNING} needs {@code SELECT} on each
 * returned column, so returning only these lets column-level grants cover just the columns a client asks for. A
 * {@code *}, a whole-row aggregate, a computed field or a computed relationship reads the whole row: then every
 * column.
 */
final class RepresentationColumns {

    private final String alias;
    private final Set<String> names = new HashSet<>();
    private boolean all;

    private RepresentationColumns(String alias) {
        this.alias = alias;
    }

    /** The columns of {@code relation} that {@code representation} (a read over the written rows) needs, in order. */
    static List<ColumnInfo> of(RelationInfo relation, LevelPlan representation) {
        var needed = new RepresentationColumns(representation.alias());
        needed.level(representation);
        if (needed.all) {
            return relation.columns();
        }
        needed.names.addAll(relation.primaryKey());
        return relation.columns().stream()
                .filter(c -> needed.names.contains(c.name()))
                .toList();
    }

    private void level(LevelPlan level) {
        for (Output output : level.outputs()) {
            expr(output.expr());
        }
        for (OrderPlan term : level.order()) {
            field(term.field());
        }
        for (ConditionPlan condition : level.where()) {
            condition(condition);
        }
        for (EmbedPlan embed : level.embeds()) {
            if (embed.relationship().computed() != null) {
                all = true;
            } else {
                names.addAll(embed.relationship().columns());
            }
        }
    }

    private void expr(Expr expr) {
        switch (expr) {
            case Expr.Value v -> field(v.field());
            case Expr.AllColumns a -> all |= a.alias().equals(alias);
            case Expr.WholeRow w -> all |= w.alias().equals(alias);
            case Expr.Represented r -> expr(r.value());
            case Expr.Cast c -> expr(c.expr());
            case Expr.Aggregate a -> expr(a.argument());
            case Expr.LateralColumn l -> {}
            case Expr.EmbeddedObject o -> {}
            case Expr.EmbeddedArray a -> {}
        }
    }

    private void field(FieldRef field) {
        switch (field.value()) {
            case FieldRef.ColumnValue c -> {
                if (c.row().equals(alias)) {
                    names.add(c.name());
                }
            }
            case FieldRef.ComputedValue c -> all |= c.row().equals(alias);
        }
    }

    private void condition(ConditionPlan condition) {
        switch (condition) {
            case ConditionPlan.Comparison c -> field(c.field());
            case ConditionPlan.EmbedPresence p -> {}
            case ConditionPlan.Logic l -> l.children().forEach(this::condition);
        }
    }
}
