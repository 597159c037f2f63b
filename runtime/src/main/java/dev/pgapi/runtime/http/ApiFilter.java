package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.AuthResult;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs first for every request, as PostgREST does: answers CORS (preflights entirely, other requests with an
 * {@code Origin} get the allow/expose headers), verifies the token (an invalid token wins over every other error),
 * then negotiates the schema, and leaves both in the request context for the handlers.
 */
final class ApiFilter implements Filter {

    private static final HeaderName ORIGIN = HeaderNames.create("Origin");
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final String METHODS = "GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD";
    private static final String EXPOSED = "Content-Encoding, Content-Location, Content-Range, Content-Type, Date,"
            + " Location, Server, Transfer-Encoding, Range-Unit";

    private final Supplier<Generation> current;

    /** @param current the generation (configuration) new requests use */
    ApiFilter(Supplier<Generation> current) {
        this.current = current;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Generation generation = current.get();
        // the whole request uses this generation, also if a reload replaces it meanwhile
        req.context().register(generation);
        Responses responses = generation.responses();
        boolean head = req.prologue().method() == Method.HEAD;
        ServerTiming timing = generation.config().operations().serverTimingEnabled() ? new ServerTiming() : null;
        // server-cors-allowed-origins; empty allows any origin
        List<String> allowedOrigins = generation.config().serverCorsAllowedOrigins();
        String origin = req.headers().first(ORIGIN).orElse(null);
        if (origin != null) {
            if (!allowedOrigins.isEmpty() && !allowedOrigins.contains(origin)) {
                // an origin that is not allowed gets no CORS headers; the browser then refuses the response
                origin = null;
            } else if (req.prologue().method() == Method.OPTIONS
                    && req.headers().contains(REQUEST_METHOD)) {
                preflight(req, res, origin, allowedOrigins);
                return;
            } else {
                allowOrigin(res, origin, allowedOrigins);
                res.header("Access-Control-Expose-Headers", EXPOSED);
            }
        }
        try {
            if (generation.pending()) {
                throw ApiErrors.connection("The configuration kept in the database (db-config) is not read yet");
            }
            String authorization =
                    req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
            AuthResult auth = generation.authenticator().authenticate(authorization);
            if (timing != null) {
                timing.jwtDone();
            }
            String schema = generation.profiles().negotiate(req.prologue().method(), req.headers());
            req.context().register(new RequestScope(auth, schema, timing));
        } catch (ApiError e) {
            responses.error(res, e, !head);
            return;
        }
        if (head) {
            // Helidon writes whatever a handler sends, also for HEAD; errors and user routes send bodies
            res.streamFilter(NoBody::new);
        }
        var path = req.prologue().uriPath();
        if (path.rawPath().length() != path.rawPathNoParams().length()) {
            // Helidon routes /books;x as /books (a matrix parameter); for PostgREST ";x" is part of the name
            throw new NotFoundException("matrix parameters are part of the name");
        }
        if (!decodes(path)) {
            // Helidon's route matching would fail with a 500 on escapes java.net.URI refuses (/x%7B>, /chat%);
            // PostgREST decodes leniently and answers for the name, as NotFound does
            throw new NotFoundException("the path does not decode");
        }
        chain.proceed();
    }

    private static boolean decodes(UriPath path) {
        try {
            path.path();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Drops a response's body, keeping its headers. */
    private static final class NoBody extends FilterOutputStream {
        NoBody(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

    private static void preflight(RoutingRequest req, RoutingResponse res, String origin, List<String> allowedOrigins) {
        var headers = new ArrayList<String>();
        headers.add("Authorization");
        for (String value : req.headers().first(REQUEST_HEADERS).orElse("").split(",")) {
            if (!value.isBlank()) {
                headers.add(value.strip());
            }
        }
        headers.addAll(List.of("Accept", "Accept-Language", "Content-Language"));
        allowOrigin(res, origin, allowedOrigins);
        res.header("Access-Control-Allow-Methods", METHODS);
        res.header("Access-Control-Allow-Headers", String.join(", ", headers));
        res.header("Access-Control-Max-Age", "86400");
        res.status(Status.OK_200);
        res.send();
    }

    private static void allowOrigin(RoutingResponse res, String origin, List<String> allowedOrigins) {
        if (allowedOrigins.isEmpty()) {
            res.header("Access-Control-Allow-Origin", "*");
        } else {
            res.header("Access-Control-Allow-Origin", origin);
            res.header("Access-Control-Allow-Credentials", "true");
        }
    }
}
