package dev.pgapi.runtime.http;

import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadPlanner;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.ReadQueryParser;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET}/{@code HEAD /<relation>}. */
final class ReadHandler {

    private final RequestRunner runner;

    ReadHandler(RequestRunner runner) {
        this.runner = runner;
    }

    void read(RelationInfo relation, ServerRequest req, ServerResponse res) {
        runner.handle(req, res, scope -> {
            ReadQuery query = ReadQueryParser.parse(QueryString.parse(req.query().rawValue()));
            boolean head = req.prologue().method() == Method.HEAD;
            Integer maxRows = runner.config().dbMaxRows();
            Sql main = ReadPlanner.plan(relation, query, maxRows == null ? null : maxRows.longValue(),
                    head ? ReadPlanner.Shape.NONE : ReadPlanner.Shape.ARRAY);
            QueryResult result = runner.execute(req, scope, relation.schema(), true, main);
            runner.sendJson(req, res, result, 200, RequestRunner.contentRange(query.offset(), result.pageTotal()),
                    head);
        });
    }
}
