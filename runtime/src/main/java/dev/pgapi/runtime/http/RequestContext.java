package dev.pgapi.runtime.http;

import io.helidon.webserver.http.ServerRequest;
import java.sql.Connection;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * What hand-written work gets inside a request's transaction: the connection, already switched to the request's
 * role with its claims and settings, as jOOQ's {@link DSLContext} or plain JDBC. pgapi ends the transaction and
 * returns the connection when the work returns: the connection refuses {@code commit}, {@code rollback()},
 * {@code setAutoCommit} and {@code close} (savepoints are fine). Neither is valid after the work returned.
 */
public final class RequestContext {

    /**
     * jOOQ's configuration, made once: each request's {@link #dsl()} is derived from it with the request's connection
     * rather than built, with default settings, per request. jOOQ's execute logging (DEBUG) is off, so no statement
     * pays for it; PostgreSQL's {@code log_statement} shows what a handler sends.
     */
    static final Configuration JOOQ =
            new DefaultConfiguration().set(SQLDialect.POSTGRES).set(new Settings().withExecuteLogging(false));

    private final Connection connection;
    private final Identity identity;
    private final ServerRequest request;
    private DSLContext dsl;

    RequestContext(Connection connection, Identity identity, ServerRequest request) {
        this.connection = connection;
        this.identity = identity;
        this.request = request;
    }

    /** jOOQ on the request's transaction, e.g. with the generated tables and routines. */
    public DSLContext dsl() {
        if (dsl == null) {
            dsl = DSL.using(JOOQ.derive(connection));
        }
        return dsl;
    }

    /** The request's transaction as JDBC. */
    public Connection connection() {
        return connection;
    }

    /** Who the request runs as. */
    public Identity identity() {
        return identity;
    }

    public ServerRequest request() {
        return request;
    }
}
