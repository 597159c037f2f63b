package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.query.Sql;

/**
 * A whole read statement.
 *
 * @param with        CTE definitions placed first in the statement's {@code WITH}, or null
 * @param root        the top level
 * @param shape       how the body is rendered
 * @param exactCount  also count the rows the top-level filters match, ignoring paging
 * @param countLimit  count at most this many rows, or null for all
 * @param handler     the media type handler rendering the body for {@link Shape#HANDLER}, else null
 */
public record ReadPlan(
        Sql with, LevelPlan root, Shape shape, boolean exactCount, Long countLimit, HandlerPlan handler) {

    /** A read rendered by a built-in shape. */
    public ReadPlan(Sql with, LevelPlan root, Shape shape, boolean exactCount, Long countLimit) {
        this(with, root, shape, exactCount, countLimit, null);
    }
}
