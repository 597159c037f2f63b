package dev.pgapi.runtime.db;

/**
 * The row the main statement returns.
 *
 * @param pageTotal        rows in the page
 * @param body             the JSON (or other text) PostgreSQL rendered; null when none was asked for
 * @param responseHeaders  {@code response.headers} set by SQL, or null
 * @param responseStatus   {@code response.status} set by SQL, or null
 * @param total            {@code total_result_set} when the statement computed an exact count, else null
 * @param plannedTotal     the planner's row estimate when an {@code EXPLAIN} was sent along, else null
 */
public record QueryResult(long pageTotal, String body, String responseHeaders, String responseStatus, Long total,
                          Long plannedTotal) {

    public QueryResult(long pageTotal, String body, String responseHeaders, String responseStatus) {
        this(pageTotal, body, responseHeaders, responseStatus, null, null);
    }
}
