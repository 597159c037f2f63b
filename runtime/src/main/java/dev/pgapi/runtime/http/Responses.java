package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ReasonPhrases;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes PostgREST-shaped responses. */
public final class Responses {

    static final String JSON = "application/json; charset=utf-8";
    /** The pool reconnects within about a second of the database coming back. */
    private static final String RETRY_AFTER_SECONDS = "1";

    private final boolean minimalErrors;

    Responses(boolean minimalErrors) {
        this.minimalErrors = minimalErrors;
    }

    /** Sends an error with its status, headers and JSON body. */
    public void error(ServerResponse res, ApiError error) {
        error(res, error, true);
    }

    /** Sends an error with its status and headers, and its JSON body unless {@code body} is false (HEAD). */
    public void error(ServerResponse res, ApiError error, boolean body) {
        res.status(status(error.status(), error.reason()));
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.header("Proxy-Status", "PostgREST; error=" + error.code());
        for (Map.Entry<String, String> header : error.headers()) {
            res.header(header.getKey(), header.getValue());
        }
        // a 503 is temporary (database unreachable, pool exhausted): tell clients when to retry, unless SQL did
        if (error.status() == 503
                && error.headers().stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Retry-After"))) {
            res.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (!body) {
            res.send();
            return;
        }
        String json = minimalErrors ? error.toMinimalJson() : error.toJson();
        res.send(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A status with its reason phrase: the given one, else the standard one. */
    static Status status(int code, String reason) {
        return Status.create(code, reason != null ? reason : ReasonPhrases.of(code));
    }
}
