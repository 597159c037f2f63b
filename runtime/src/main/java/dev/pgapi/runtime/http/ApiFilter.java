package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.AuthResult;
import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.error.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Runs first for every request, as PostgREST does: verifies the token (an invalid token wins over every other
 * error), then negotiates the schema, and leaves both in the request context for the handlers.
 */
final class ApiFilter implements Filter {

    private final JwtAuthenticator authenticator;
    private final Profiles profiles;
    private final Responses responses;

    ApiFilter(JwtAuthenticator authenticator, Profiles profiles, Responses responses) {
        this.authenticator = authenticator;
        this.profiles = profiles;
        this.responses = responses;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
            AuthResult auth = authenticator.authenticate(authorization);
            String schema = profiles.negotiate(req.prologue().method(), req.headers());
            req.context().register(new RequestScope(auth, schema));
        } catch (ApiError e) {
            responses.error(res, e);
            return;
        }
        chain.proceed();
    }
}
