package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.schema.FunctionInfo;
import io.helidon.webserver.http.Handler;
import java.util.List;

/**
 * The Helidon handlers of one function name's routes ({@code /rpc/<fn>}), each answering for the function's schema
 * only; written once here for the reason given in {@link RelationHandlers}.
 */
public final class FunctionHandlers {

    private final Handler call;
    private final Handler options;
    private final Handler unsupported;

    FunctionHandlers(ApiEndpoints endpoints, List<FunctionInfo> overloads) {
        RelationLookup relations = endpoints.relations();
        String schema = overloads.getFirst().schema();
        this.call = endpoints.route(schema, (g, req, res) -> g.calls().call(overloads, relations, req, res));
        // GET only for functions that do not write
        boolean volatileOnly = overloads.stream().allMatch(f -> f.volatility() == FunctionInfo.Volatility.VOLATILE);
        String allow = volatileOnly ? "OPTIONS,POST" : "OPTIONS,GET,HEAD,POST";
        this.options = endpoints.route(schema, (g, req, res) -> ApiEndpoints.answerOptions(res, allow));
        this.unsupported = endpoints.route(
                schema,
                (g, req, res) -> g.responses()
                        .error(res, ApiErrors.rpcMethod(req.prologue().method().text())));
    }

    /** {@code GET}, {@code HEAD} and {@code POST}: the call, as {@link CallHandler} answers it. */
    public Handler call() {
        return call;
    }

    /** {@code OPTIONS}: GET only for functions that do not write. */
    public Handler options() {
        return options;
    }

    /** Methods other than GET, HEAD and POST: PGRST101. */
    public Handler unsupported() {
        return unsupported;
    }
}
