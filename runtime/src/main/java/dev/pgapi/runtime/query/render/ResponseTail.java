package dev.pgapi.runtime.query.render;

import dev.pgapi.runtime.query.Sql;

/**
 * The last columns of every statement's result row: the {@code response.headers} and {@code response.status} the
 * statement (a function, a trigger) may have set. Read after the main work so that they see its settings.
 */
public final class ResponseTail {

    private static final String COLUMNS = "nullif(current_setting('response.headers', true), '') AS response_headers,"
            + " nullif(current_setting('response.status', true), '') AS response_status";

    private ResponseTail() {}

    /** Appends {@code , response_headers, response_status}. */
    public static Sql append(Sql sql) {
        return sql.append(", ").append(COLUMNS);
    }
}
