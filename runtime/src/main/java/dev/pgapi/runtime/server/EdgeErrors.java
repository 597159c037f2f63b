package dev.pgapi.runtime.server;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.error.ReasonPhrases;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;

/**
 * Answers what Helidon refuses before (or outside of) routing, e.g. a request line it cannot parse or headers over
 * the limit, with a PostgREST-style JSON error instead of Helidon's empty or plain-text body. PostgREST has no codes
 * for these (its HTTP server answers them), so the code is {@code PGRST} and the status, like {@code PGRST413}.
 */
final class EdgeErrors implements DirectHandler {

    private static final String JSON = "application/json; charset=utf-8";

    private final boolean minimal;
    private final int maxRequestLine;

    /**
     * @param minimal        {@code client-error-verbosity = minimal}
     * @param maxRequestLine {@code server-max-request-line-size}, named in the 414's details
     */
    EdgeErrors(boolean minimal, int maxRequestLine) {
        this.minimal = minimal;
        this.maxRequestLine = maxRequestLine;
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders responseHeaders,
            String message) {
        int code = defaultStatus.code();
        ApiError error = error(code);
        ServerResponseHeaders headers = ServerResponseHeaders.create(responseHeaders);
        headers.set(HeaderNames.CONTENT_TYPE, JSON);
        headers.set(HeaderNames.create("Proxy-Status"), "PostgREST; error=" + error.code());
        var response = TransportResponse.builder()
                .status(Status.create(code, ReasonPhrases.of(code)))
                .headers(headers)
                .keepAlive(eventType.keepAlive());
        if (!"HEAD".equals(request.method())) {
            String body = minimal ? error.toMinimalJson() : error.toJson();
            response.entity(body.getBytes(StandardCharsets.UTF_8));
        }
        return response.build();
    }

    private ApiError error(int code) {
        return switch (code) {
            case 400 -> ApiErrors.malformedHttp();
            case 413 -> ApiErrors.payloadTooLarge();
            case 414 -> ApiErrors.uriTooLong(maxRequestLine);
            case 505 -> ApiErrors.httpVersionNotSupported();
            default -> ApiErrors.transport(code);
        };
    }
}
