package dev.pgapi.runtime;

import dev.pgapi.runtime.http.ApiRuntime;
import io.helidon.webserver.http.HttpRouting;

/**
 * Hand-written routes served next to the generated API, without editing a generated file: implement it in a class
 * of your own and name that class in {@code META-INF/services/dev.pgapi.runtime.UserRoutes}. {@link PgapiServer}
 * (and so the generated {@code Main}) adds the routes after the generated ones, behind the same API filter, so a
 * handler can run in the request's transaction with {@link ApiRuntime#transaction}.
 */
public interface UserRoutes {

    /** Adds routes to {@code routing}; {@code api} runs their transactions. */
    void routing(HttpRouting.Builder routing, ApiRuntime api);
}
