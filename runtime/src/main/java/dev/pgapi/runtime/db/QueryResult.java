package dev.pgapi.runtime.db;

import java.util.Map;

/**
 * The row the main statement returns.
 *
 * @param pageTotal        rows in the page
 * @param body             the JSON (or other text) PostgreSQL rendered; null when none was asked for
 * @param responseHeaders  {@code response.headers} set by SQL, or null
 * @param responseStatus   {@code response.status} set by SQL, or null
 * @param total            {@code total_result_set} when the statement computed an exact count, else null
 * @param plannedTotal     the planner's row estimate when an {@code EXPLAIN} was sent along, else null
 * @param extra            further columns of the main row by name (as text, null for SQL NULL), e.g. a write's
 *                         count of inserted rows
 * @param binaryBody       the body's bytes when PostgreSQL rendered it as {@code bytea} (a binary media type
 *                         handler's value; {@code body} is then null), else null
 */
public record QueryResult(
        long pageTotal,
        String body,
        String responseHeaders,
        String responseStatus,
        Long total,
        Long plannedTotal,
        Map<String, String> extra,
        byte[] binaryBody) {

    public QueryResult(
            long pageTotal,
            String body,
            String responseHeaders,
            String responseStatus,
            Long total,
            Long plannedTotal,
            Map<String, String> extra) {
        this(pageTotal, body, responseHeaders, responseStatus, total, plannedTotal, extra, null);
    }

    public QueryResult {
        extra = extra == null || extra.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(extra));
    }

    public QueryResult(long pageTotal, String body, String responseHeaders, String responseStatus) {
        this(pageTotal, body, responseHeaders, responseStatus, null, null, Map.of());
    }

    /** A copy with the planner's row estimate. */
    public QueryResult withPlannedTotal(Long estimate) {
        return new QueryResult(pageTotal, body, responseHeaders, responseStatus, total, estimate, extra, binaryBody);
    }

    /** An extra column's value, or null. */
    public String extra(String column) {
        return extra.get(column);
    }
}
