package dev.pgapi.runtime.db;

import java.util.Map;

/**
 * The row the main statement returns.
 *
 * @param pageTotal        rows in the page
 * @param body             the JSON (or other text) PostgreSQL rendered; null when none was asked for
 * @param responseHeaders  {@code response.headers} set by SQL, or null
 * @param responseStatus   {@code response.status} set by SQL, or null
 * @param extra            further columns of the main row by name (as text, null for SQL NULL), e.g. a write's
 *                         count of inserted rows
 */
public record QueryResult(long pageTotal, String body, String responseHeaders, String responseStatus,
                          Map<String, String> extra) {

    public QueryResult {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(extra));
    }

    public QueryResult(long pageTotal, String body, String responseHeaders, String responseStatus) {
        this(pageTotal, body, responseHeaders, responseStatus, Map.of());
    }

    /** An extra column's value, or null. */
    public String extra(String column) {
        return extra.get(column);
    }
}
