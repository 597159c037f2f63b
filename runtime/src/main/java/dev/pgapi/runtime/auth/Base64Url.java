package dev.pgapi.runtime.auth;

import java.util.Base64;

/** Strict unpadded base64url, as JWS compact serialization requires. */
final class Base64Url {

    private Base64Url() {
    }

    /** The decoded bytes, or null when {@code s} is not unpadded base64url. */
    static byte[] decode(String s) {
        if (s.indexOf('=') >= 0 || s.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
