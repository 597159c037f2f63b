package dev.pgapi.runtime.http;

import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.db.UserTransaction;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.error.PgErrors;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.render.ReadRenderer;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Runs hand-written work in the transaction a generated endpoint would open for the same request: the settings,
 * role and pre-request come from {@link RequestRunner}, the transaction from {@link UserTransaction}, so nothing
 * about authorization is decided here. Whatever the work throws leaves as an {@link ApiError} (a database error mapped
 * by its SQLSTATE, anything else PGRST's internal error, logged), answered by the error handler of the generated
 * routing ({@link ApiEndpoints#fallbacks}), as a generated endpoint's errors are.
 */
final class RequestTransactions {

    private static final Logger LOG = Logger.getLogger(RequestTransactions.class.getName());

    /**
     * Renders the queries {@link #select} gets: no connection, and safe to share between requests. In a holder, so
     * that jOOQ is loaded by the first hand-written query rather than at startup (a tenth of the start's CPU).
     */
    private static final class Rendering {
        static final DSLContext DSL_CONTEXT = DSL.using(RequestContext.JOOQ);
    }

    private final RequestRunner runner;

    RequestTransactions(RequestRunner runner) {
        this.runner = runner;
    }

    /**
     * @param replicaAllowed  a GET or HEAD may run on a read replica (the handler only reads); otherwise the work runs
     *                        on the primary. Unlike a generated read, it is not repeated on the primary when the
     *                        replica fails: hand-written code may have done more than its SQL.
     */
    void run(ServerRequest req, ServerResponse res, RequestWork work, boolean replicaAllowed) {
        RequestScope scope = RequestRunner.scope(req);
        Method method = req.prologue().method();
        boolean readOnly = method == Method.GET || method == Method.HEAD;
        Preferences prefs = Preferences.of(req);
        var identity = Identity.of(scope);
        Databases.Route route =
                runner.databases().route(readOnly, replicaAllowed && readOnly && RequestRunner.mayUseReplica(req));
        try {
            var settings = runner.settings(req, scope, scope.schema(), readOnly, Map.of(), route.database());
            UserTransaction.Outcome<Reply> outcome;
            try {
                outcome = runner.timed(
                        scope,
                        () -> route.database()
                                .transaction(
                                        settings,
                                        runner.preRequest(),
                                        runner.transactionEnd(prefs),
                                        c -> replyOf(work.run(new RequestContext(c, identity, req)))));
            } catch (Exception e) {
                if (sqlCause(e) instanceof SQLException sql) {
                    route.failedWith(sql);
                }
                throw e;
            }
            String appliedTx = prefs.appliedTx(runner.txOverridable());
            ResponseGucs gucs =
                    ResponseGucs.of(new QueryResult(0, null, outcome.responseHeaders(), outcome.responseStatus()));
            Reply reply = outcome.value();
            runner.respond(
                    req,
                    res,
                    gucs,
                    reply.status(),
                    reply.contentType(),
                    appliedTx == null ? List.of() : List.of(Map.entry("Preference-Applied", appliedTx)),
                    method == Method.HEAD ? null : reply.body());
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw PgErrors.fromSql(sql, identity.authenticated());
            }
            throw internal(req, "hand-written handler", e);
        }
    }

    /** Logs a failure of user code and answers it as PostgREST's internal error, without its details. */
    private static ApiError internal(ServerRequest req, String what, Exception e) {
        LOG.log(
                Level.SEVERE,
                what + " failed: " + req.prologue().method().text() + " "
                        + req.path().absolute().rawPath(),
                e);
        return ApiErrors.internal();
    }

    /**
     * One hand-written {@code SELECT} answered as a generated read answers: negotiated like one ({@code Accept}:
     * JSON, CSV, a single object, ...), rendered by PostgreSQL, in the same single round trip (settings, pre-request,
     * the query, then {@code response.headers}/{@code response.status}), on a read replica for GET and HEAD when
     * there is one, and with the same errors.
     */
    void select(ServerRequest req, ServerResponse res, SelectWork work) {
        runner.handle(req, scope -> {
            Method method = req.prologue().method();
            boolean head = method == Method.HEAD;
            Negotiation.Media media = Negotiation.negotiate(req.headers(), false);
            Sql rows;
            try {
                rows = JooqStatements.of(Rendering.DSL_CONTEXT, work.query(Rendering.DSL_CONTEXT));
            } catch (RuntimeException e) {
                throw internal(req, "hand-written query", e);
            }
            Sql main = ReadRenderer.statementOver(rows, head ? Shape.NONE : media.shape());
            QueryResult result = runner.execute(
                    req,
                    scope,
                    scope.schema(),
                    head || method == Method.GET,
                    main,
                    runner.transactionEnd(Preferences.of(req)),
                    null);
            long count = result.pageTotal();
            media.requireOne(count);
            runner.send(
                    req,
                    res,
                    result,
                    200,
                    media.contentType(),
                    List.of(Map.entry("Content-Range", ReadHandler.contentRange(0, count - 1, null))),
                    head);
        });
    }

    /** Checked before the transaction ends: a handler without a response rolls back. */
    private static Reply replyOf(Reply reply) {
        if (reply == null) {
            throw new IllegalStateException("the handler returned no Reply");
        }
        return reply;
    }

    /** The database error behind {@code e}: JDBC's own, or wrapped by jOOQ ({@code DataAccessException}). */
    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
