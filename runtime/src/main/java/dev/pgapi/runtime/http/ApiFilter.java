package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.AuthResult;
import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.error.ApiError;
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

    private final JwtAuthenticator authenticator;
    private final Profiles profiles;
    private final Responses responses;
    private final List<String> allowedOrigins;
    private final boolean serverTiming;

    /**
     * @param allowedOrigins {@code server-cors-allowed-origins}; empty allows any origin
     * @param serverTiming   {@code server-timing-enabled}
     */
    ApiFilter(JwtAuthenticator authenticator, Profiles profiles, Responses responses, List<String> allowedOrigins,
              boolean serverTiming) {
        this.authenticator = authenticator;
        this.profiles = profiles;
        this.responses = responses;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.serverTiming = serverTiming;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean head = req.prologue().method() == Method.HEAD;
        ServerTiming timing = serverTiming ? new ServerTiming() : null;
        String origin = req.headers().first(ORIGIN).orElse(null);
        if (origin != null) {
            if (!allowedOrigins.isEmpty() && !allowedOrigins.contains(origin)) {
                // an origin that is not allowed gets no CORS headers; the browser then refuses the response
                origin = null;
            } else if (req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD)) {
                preflight(req, res, origin);
                return;
            } else {
                allowOrigin(res, origin);
                res.header("Access-Control-Expose-Headers", EXPOSED);
            }
        }
        try {
            String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
            AuthResult auth = authenticator.authenticate(authorization);
            if (timing != null) {
                timing.jwtDone();
            }
            String schema = profiles.negotiate(req.prologue().method(), req.headers());
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
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private void preflight(RoutingRequest req, RoutingResponse res, String origin) {
        var headers = new ArrayList<String>();
        headers.add("Authorization");
        for (String value : req.headers().first(REQUEST_HEADERS).orElse("").split(",")) {
            if (!value.isBlank()) {
                headers.add(value.strip());
            }
        }
        headers.addAll(List.of("Accept", "Accept-Language", "Content-Language"));
        allowOrigin(res, origin);
        res.header("Access-Control-Allow-Methods", METHODS);
        res.header("Access-Control-Allow-Headers", String.join(", ", headers));
        res.header("Access-Control-Max-Age", "86400");
        res.status(Status.OK_200);
        res.send();
    }

    private void allowOrigin(RoutingResponse res, String origin) {
        if (allowedOrigins.isEmpty()) {
            res.header("Access-Control-Allow-Origin", "*");
        } else {
            res.header("Access-Control-Allow-Origin", origin);
            res.header("Access-Control-Allow-Credentials", "true");
        }
    }
}
