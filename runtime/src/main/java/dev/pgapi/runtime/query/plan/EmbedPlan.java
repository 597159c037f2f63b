package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.schema.RelationshipInfo;
import java.util.List;

/**
 * An embedded relation, joined laterally to its parent level.
 *
 * @param relationship    the resolved relationship from the parent to the embedded relation
 * @param presence        the lateral's alias and cardinality
 * @param inner           {@code !inner}: parent rows without embedded rows are filtered out
 * @param neededForCount  a count of the parent's rows must still join it ({@code !inner} or a filter names it)
 * @param spreadColumns   a to-many spread: the columns aggregated into one array each; empty otherwise
 * @param level           the embedded level itself
 */
public record EmbedPlan(
        RelationshipInfo relationship,
        Presence presence,
        boolean inner,
        boolean neededForCount,
        List<String> spreadColumns,
        LevelPlan level) {

    public EmbedPlan {
        spreadColumns = List.copyOf(spreadColumns);
    }

    public String lateral() {
        return presence.lateral();
    }

    public boolean toOne() {
        return presence.toOne();
    }

    /**
     * What tells whether an embed has rows.
     *
     * @param lateral  the alias of its lateral subquery
     * @param toOne    a to-one embed (a row or none) rather than a to-many one (an aggregate, null when empty)
     */
    public record Presence(String lateral, boolean toOne) {}
}
