package dev.pgapi.runtime.http;

import org.jooq.DSLContext;
import org.jooq.Select;

/**
 * A hand-written read as one jOOQ {@code SELECT} (see {@link ApiRuntime#select}). It builds the query and returns it
 * without running it: the {@link DSLContext} it gets renders SQL but has no connection. pgapi sends the query in the
 * request's single round trip, after the role switch, the settings and the pre-request function.
 */
@FunctionalInterface
public interface SelectWork {
    Select<?> query(DSLContext dsl);
}
