package dev.pgapi.runtime.schema;

/** What textual values a column accepts, as far as the runtime checks before sending them to PostgreSQL. */
public enum ValueKind {
    BOOLEAN,
    SMALLINT,
    INTEGER,
    BIGINT,
    NUMERIC,
    TEXT,
    UUID,
    JSON,
    OTHER
}
