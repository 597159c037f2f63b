package dev.pgapi.runtime.http;

import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.db.UserTransaction;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.PgErrors;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs hand-written work in the transaction a generated endpoint would open for the same request: the settings,
 * role and pre-request come from {@link RequestRunner}, the transaction from {@link UserTransaction}, so nothing
 * about authorization is decided here. Errors are answered in PostgREST's shape.
 */
final class RequestTransactions {

    private static final Logger LOG = Logger.getLogger(RequestTransactions.class.getName());

    private final RequestRunner runner;

    RequestTransactions(RequestRunner runner) {
        this.runner = runner;
    }

    void run(ServerRequest req, ServerResponse res, RequestWork work) {
        RequestScope scope = RequestRunner.scope(req);
        Method method = req.prologue().method();
        boolean readOnly = method == Method.GET || method == Method.HEAD;
        Preferences prefs = Preferences.of(req);
        var identity = Identity.of(scope);
        try {
            var settings = runner.settings(req, scope, scope.schema(), readOnly);
            UserTransaction.Outcome<Reply> outcome = runner.timed(scope, () -> runner.database().transaction(
                    settings, runner.preRequest(), runner.transactionEnd(prefs),
                    c -> replyOf(work.run(new RequestContext(c, identity, req)))));
            String appliedTx = runner.appliedTx(prefs);
            ResponseGucs gucs = ResponseGucs.of(new QueryResult(0, null, outcome.responseHeaders(),
                    outcome.responseStatus()));
            runner.send(req, res, outcome.value(), gucs,
                    appliedTx == null ? List.of() : List.of(Map.entry("Preference-Applied", appliedTx)),
                    method == Method.HEAD);
        } catch (ApiError e) {
            runner.error(res, scope, e);
        } catch (Exception e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                runner.error(res, scope, PgErrors.fromSql(sql, identity.authenticated()));
            } else {
                LOG.log(Level.SEVERE, "hand-written handler failed: " + req.prologue().method().text() + " "
                        + req.path().absolute().rawPath(), e);
                runner.error(res, scope, ApiError.of(500, "PGRSTX00", "Internal server error", null, null));
            }
        }
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
