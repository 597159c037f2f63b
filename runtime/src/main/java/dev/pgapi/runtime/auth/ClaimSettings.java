package dev.pgapi.runtime.auth;

/**
 * Which claims can become a {@code request.jwt.claim.<name>} setting. {@code set_config} refuses a custom setting
 * whose name is not two or more dot-separated identifiers (PostgreSQL's {@code valid_custom_variable_name}), and
 * any text holding a NUL character; a claim that fails either is left out of the per-claim settings rather than
 * failing the request ({@code request.jwt.claims} still holds it). Identity providers name claims
 * {@code cognito:groups}, {@code https://example.com/roles} or {@code x-hasura-user-id}, none of which qualifies.
 */
final class ClaimSettings {

    private ClaimSettings() {}

    /** Whether {@code set_config('request.jwt.claim.' || name, text, true)} accepts this claim. */
    static boolean settable(String name, String text) {
        return isSettingSuffix(name) && (text == null || text.indexOf('\0') < 0);
    }

    /**
     * Dot-separated non-empty parts; a part starts with an ASCII letter, {@code _} or a non-ASCII character and goes
     * on with those, digits and {@code $} (the identifier rule of PostgreSQL's scanner, which the setting name
     * check follows; non-ASCII means any byte with the high bit set, so any well-formed character outside ASCII).
     */
    static boolean isSettingSuffix(String name) {
        boolean partStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (partStart) {
                    return false;
                }
                partStart = true;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
                partStart = false;
            } else if (c >= 0x80) {
                // a lone surrogate cannot be encoded as UTF-8: the driver would send '?' instead
                if (Character.isHighSurrogate(c)
                        && i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
                partStart = false;
            } else if (partStart || !(c >= '0' && c <= '9' || c == '$')) {
                return false;
            }
        }
        return !partStart;
    }
}
