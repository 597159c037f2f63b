package dev.pgapi.runtime.http;

import java.nio.charset.StandardCharsets;

/**
 * The response of hand-written work, sent after its transaction committed (or rolled back as {@code db-tx-end} or
 * {@code Prefer: tx} asked), so a failing commit is still answered as an error. {@code response.status} and
 * {@code response.headers} set by SQL during the transaction win, as with a generated endpoint.
 *
 * @param status       the HTTP status
 * @param contentType  the body's content type, or null without a body
 * @param body         the body, or null
 */
public record Reply(int status, String contentType, byte[] body) {

    /** A JSON body, e.g. one PostgreSQL rendered with {@code json_agg}. */
    public static Reply json(int status, String json) {
        return new Reply(status, Responses.JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** No body, e.g. 204. */
    public static Reply empty(int status) {
        return new Reply(status, null, null);
    }
}
