package dev.pgapi.runtime.http;

import dev.pgapi.runtime.schema.FunctionInfo;
import io.helidon.webserver.http.Handler;
import java.util.List;

/**
 * The Helidon handlers of one function name's routes ({@code /rpc/<fn>}), each passing its overloads to an
 * {@link ApiRuntime} entry point; written once here for the reason given in {@link RelationHandlers}.
 */
public final class FunctionHandlers {

    private final Handler call;
    private final Handler options;
    private final Handler unsupported;

    FunctionHandlers(ApiRuntime api, List<FunctionInfo> overloads) {
        this.call = (req, res) -> api.call(overloads, req, res);
        this.options = (req, res) -> api.options(overloads, req, res);
        this.unsupported = (req, res) -> api.unsupported(overloads, req, res);
    }

    /** {@code GET}, {@code HEAD} and {@code POST}: {@link ApiRuntime#call}. */
    public Handler call() {
        return call;
    }

    /** {@code OPTIONS}: {@link ApiRuntime#options(List, io.helidon.webserver.http.ServerRequest,
     * io.helidon.webserver.http.ServerResponse)}. */
    public Handler options() {
        return options;
    }

    /** Any other method: {@link ApiRuntime#unsupported(List, io.helidon.webserver.http.ServerRequest,
     * io.helidon.webserver.http.ServerResponse)}. */
    public Handler unsupported() {
        return unsupported;
    }
}
