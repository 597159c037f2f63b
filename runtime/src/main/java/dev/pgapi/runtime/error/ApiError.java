package dev.pgapi.runtime.error;

import java.util.List;
import java.util.Map;

/**
 * An error answered to the client in PostgREST's shape: {@code {"code","details","hint","message"}} with an HTTP
 * status and, for some errors, extra headers ({@code WWW-Authenticate}, {@code Retry-After}, custom ones from
 * {@code RAISE SQLSTATE 'PGRST'}).
 *
 * <p>{@code detailsJson} is already JSON (a string literal, an array for PGRST201, or {@code null}) so that the body
 * can be rendered byte for byte like PostgREST's.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String reason;
    private final String code;
    private final String detailsJson;
    private final String hint;
    private final List<Map.Entry<String, String>> headers;

    private ApiError(
            int status,
            String reason,
            String code,
            String message,
            String detailsJson,
            String hint,
            List<Map.Entry<String, String>> headers) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.code = code;
        this.detailsJson = detailsJson;
        this.hint = hint;
        this.headers = List.copyOf(headers);
    }

    /** An error of the catalogue whose details are a plain string (or null); see {@link ApiErrors}. */
    static ApiError of(ErrorKind kind, String message, String details, String hint) {
        return of(kind.status(), kind.code(), message, details, hint);
    }

    /** An error of the catalogue whose details are a JSON value rendered by the caller. */
    static ApiError ofJsonDetails(ErrorKind kind, String message, String detailsJson, String hint) {
        return withJsonDetails(kind.status(), kind.code(), message, detailsJson, hint);
    }

    /**
     * An error whose details are a plain string (or null), of any status and code: for hand-written handlers, and
     * for the database's errors ({@link PgErrors}). The runtime's own errors are named in {@link ApiErrors}.
     */
    public static ApiError of(int status, String code, String message, String details, String hint) {
        return new ApiError(status, null, code, message, details == null ? null : Json.quote(details), hint, List.of());
    }

    /** An error whose details are a JSON value rendered by the caller; for whom, see {@link #of}. */
    public static ApiError withJsonDetails(int status, String code, String message, String detailsJson, String hint) {
        return new ApiError(status, null, code, message, detailsJson, hint, List.of());
    }

    /** A copy that also sends the given header. */
    public ApiError withHeader(String name, String value) {
        var all = new java.util.ArrayList<>(headers);
        all.add(Map.entry(name, value));
        return new ApiError(status, reason, code, getMessage(), detailsJson, hint, all);
    }

    /** A copy with a custom reason phrase (PT402 → "402 Payment Required"). */
    public ApiError withReason(String reasonPhrase) {
        return new ApiError(status, reasonPhrase, code, getMessage(), detailsJson, hint, headers);
    }

    public int status() {
        return status;
    }

    /** Custom reason phrase, or null for the standard one. */
    public String reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public String detailsJson() {
        return detailsJson;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The body PostgREST sends: keys in aeson's order, no whitespace. */
    public String toJson() {
        return "{\"code\":" + Json.quote(code)
                + ",\"details\":" + (detailsJson == null ? "null" : detailsJson)
                + ",\"hint\":" + (hint == null ? "null" : Json.quote(hint))
                + ",\"message\":" + Json.quote(getMessage()) + "}";
    }

    /** The body with {@code client-error-verbosity=minimal}. */
    public String toMinimalJson() {
        return "{\"code\":" + Json.quote(code) + ",\"message\":" + Json.quote(getMessage()) + "}";
    }

    @Override
    public String toString() {
        return status + " " + toJson();
    }
}
