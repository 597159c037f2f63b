package dev.pgapi.runtime.auth;

import java.util.Base64;

/**
 * Strict unpadded base64url, as JWS compact serialization requires. The JDK decoder ignores the unused low bits of
 * the last character, so {@code ...Q} and {@code ...R} would decode alike; only the canonical spelling (those bits
 * zero, RFC 4648 §3.5) is accepted, so one signature has exactly one text.
 */
final class Base64Url {

    private Base64Url() {}

    /** The decoded bytes, or null when {@code s} is not unpadded base64url. */
    static byte[] decode(String s) {
        if (s.indexOf('=') >= 0 || s.length() % 4 == 1 || !zeroTrailingBits(s)) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The last character of a 2- or 3-character final group carries 4 or 2 bits that encode nothing. */
    private static boolean zeroTrailingBits(String s) {
        int unused = switch (s.length() % 4) {
            case 2 -> 0b1111;
            case 3 -> 0b11;
            default -> 0;
        };
        return unused == 0 || (sextet(s.charAt(s.length() - 1)) & unused) == 0;
    }

    /** The 6-bit value of a base64url character; -1 (all bits set) for anything else, which the decoder rejects. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
