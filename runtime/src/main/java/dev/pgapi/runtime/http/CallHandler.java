package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.CallPlanner;
import dev.pgapi.runtime.query.Grammar;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.schema.FunctionInfo;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code GET}/{@code HEAD}/{@code POST /rpc/<fn>} over the overloads of one function name. */
final class CallHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> READ_PARAMS = Set.of("select", "order", "limit", "offset", "and", "or",
            "not.and", "not.or", "columns");

    private final RequestRunner runner;

    CallHandler(RequestRunner runner) {
        this.runner = runner;
    }

    void call(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        runner.handle(req, res, scope -> {
            Method method = req.prologue().method();
            ObjectNode args = method == Method.POST ? bodyArguments(req) : queryArguments(req);
            Set<String> names = new LinkedHashSet<>();
            args.fieldNames().forEachRemaining(names::add);
            FunctionInfo f = CallPlanner.resolve(overloads, names);
            boolean head = method == Method.HEAD;
            // PostgREST runs GET calls and calls of STABLE/IMMUTABLE functions read-only
            boolean readOnly = method != Method.POST || f.volatility() != FunctionInfo.Volatility.VOLATILE;
            Sql main = CallPlanner.plan(f, args.toString(), names, head);
            QueryResult result = runner.execute(req, scope, f.schema(), readOnly, main);
            if (f.returns() == FunctionInfo.ReturnShape.VOID) {
                runner.sendEmpty(res, result, 204);
            } else {
                runner.sendJson(req, res, result, 200, RequestRunner.contentRange(0, result.pageTotal()), head);
            }
        });
    }

    private static ObjectNode bodyArguments(ServerRequest req) {
        rejectQueryParameters(req);
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        if (body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalidJson();
        }
        if (json.isArray()) {
            // PostgREST calls the function with the first object of an array body
            json = json.isEmpty() ? MAPPER.createObjectNode() : json.get(0);
        }
        if (!(json instanceof ObjectNode object)) {
            throw invalidJson();
        }
        return object;
    }

    private static ObjectNode queryArguments(ServerRequest req) {
        ObjectNode args = MAPPER.createObjectNode();
        for (QueryString.Param p : QueryString.parse(req.query().rawValue())) {
            if (READ_PARAMS.contains(p.key()) || isFilter(p)) {
                throw filtersOnResultsNotImplemented();
            }
            JsonNode previous = args.get(p.key());
            if (previous == null) {
                args.put(p.key(), p.value());
            } else if (previous instanceof ArrayNode array) {
                array.add(p.value());
            } else {
                // repeated parameters pass an array, e.g. to a VARIADIC argument
                args.putArray(p.key()).add(previous.asText()).add(p.value());
            }
        }
        return args;
    }

    /** On POST, arguments come from the body; a query parameter must be a filter on the result. */
    private static void rejectQueryParameters(ServerRequest req) {
        for (QueryString.Param p : QueryString.parse(req.query().rawValue())) {
            if (READ_PARAMS.contains(p.key()) || isFilter(p)) {
                throw filtersOnResultsNotImplemented();
            }
            // not a filter: PostgREST reports it as a filter that failed to parse
            Grammar.filter(Grammar.filterField(p.key()), p.value());
        }
    }

    private static boolean isFilter(QueryString.Param p) {
        try {
            Grammar.filter(Grammar.filterField(p.key()), p.value());
            return true;
        } catch (ApiError e) {
            return false;
        }
    }

    private static ApiError invalidJson() {
        return ApiError.of(400, "PGRST102", "Empty or invalid json", null, null);
    }

    private static ApiError filtersOnResultsNotImplemented() {
        return ApiError.of(400, "PGRST127", "Feature not implemented",
                "select, filters, order and paging on function results", null);
    }
}
