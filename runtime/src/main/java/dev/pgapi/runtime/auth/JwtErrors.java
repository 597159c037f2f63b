package dev.pgapi.runtime.auth;

import dev.pgapi.runtime.error.ApiError;

/** PostgREST's PGRST3xx errors, with their {@code WWW-Authenticate} headers. */
final class JwtErrors {

    static final String NO_SUITABLE_KEY = "No suitable key was found to decode the JWT";
    static final String NO_KEY_DECODED = "None of the keys was able to decode the JWT";

    private JwtErrors() {
    }

    static ApiError secretMissing() {
        return ApiError.of(500, "PGRST300", "Server lacks JWT secret", null, null);
    }

    static ApiError anonymousDisabled() {
        return ApiError.of(401, "PGRST302", "Anonymous access is disabled", null, null)
                .withHeader("WWW-Authenticate", "Bearer");
    }

    /** PGRST301: the token could not be decoded or verified. */
    static ApiError decode(String message, String details) {
        return invalidToken(ApiError.of(401, "PGRST301", message, details, null), message);
    }

    static ApiError keyError(String details) {
        return decode("No suitable key or wrong key type", details);
    }

    static ApiError badCrypto() {
        return decode("JWT cryptographic operation failed", null);
    }

    /** PGRST303: the claims are unusable. */
    static ApiError claims(String message) {
        return invalidToken(ApiError.of(401, "PGRST303", message, null, null), message);
    }

    /** RFC 6750 header; the description is quoted the way Haskell's {@code show} quotes text. */
    private static ApiError invalidToken(ApiError error, String message) {
        String quoted = "\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return error.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=" + quoted);
    }
}
