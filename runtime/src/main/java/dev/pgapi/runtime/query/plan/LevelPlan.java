package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.query.Sql;
import java.util.List;

/**
 * One level of a read: {@code SELECT outputs FROM from AS alias [embeds] WHERE where [GROUP BY] ORDER BY order
 * LIMIT limit OFFSET offset}.
 *
 * @param from     what the level reads: a relation, a CTE or a call (only ever appended, never changed)
 * @param alias    its alias ({@code pgrst_N})
 * @param outputs  the select list; when some are aggregates the others are grouped by
 * @param embeds   the embedded levels, in the order of the select list
 * @param where    conditions ANDed together
 * @param order    the order terms
 * @param limit    the effective limit ({@code limit=} capped by {@code db-max-rows}), or null
 * @param offset   the offset, 0 for none
 */
public record LevelPlan(
        Sql from,
        String alias,
        List<Output> outputs,
        List<EmbedPlan> embeds,
        List<ConditionPlan> where,
        List<OrderPlan> order,
        Long limit,
        long offset) {

    public LevelPlan {
        outputs = List.copyOf(outputs);
        embeds = List.copyOf(embeds);
        where = List.copyOf(where);
        order = List.copyOf(order);
    }
}
