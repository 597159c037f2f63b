package dev.pgapi.runtime.http;

/** The main statement of a request, kept in its context for {@code log-query}. */
record MainQuery(String sql) {}
