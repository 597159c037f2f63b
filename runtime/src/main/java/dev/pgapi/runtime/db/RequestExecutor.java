package dev.pgapi.runtime.db;

import dev.pgapi.runtime.query.Sql;
import java.sql.SQLException;

/**
 * Where a request's statements go once they are rendered: the seam between planning a request and running it.
 * {@link Database} runs them in one round trip; the example's SQL golden test records them instead, so that what it
 * pins is what the real request path (authentication, negotiation, parsing, planning, settings) renders.
 */
public interface RequestExecutor {

    /** The settings of {@code role}, applied before switching to it (see {@link RoleSettings}). */
    RoleSettings.Entry roleSettings(String role) throws SQLException;

    /**
     * Runs one request's statements; see
     * {@link Database#execute(RequestSettings, Sql, Sql, Sql, Database.End, Database.Check)}.
     */
    QueryResult execute(
            RequestSettings settings, Sql preRequest, Sql main, Sql explain, Database.End end, Database.Check check)
            throws SQLException;
}
