package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.schema.ValueKind;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a text value (a filter's, a function argument's) against the input syntax of its PostgreSQL type before the
 * database sees it, answering with PostgreSQL's own error (22P02 / 22003, same message) without a round trip. The
 * checks accept everything PostgreSQL accepts (signs, blanks, underscores between digits, hexadecimal/octal/binary
 * integers); what they let through that PostgreSQL still rejects fails there with the same error.
 */
public final class InputSyntax {

    private static final Pattern INTEGER =
            Pattern.compile("\\s*[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|[0-9](_?[0-9])*)\\s*");
    private static final Pattern NUMERIC = Pattern.compile(
            "\\s*[+-]?(([0-9](_?[0-9])*)(\\.([0-9](_?[0-9])*)?)?|\\.[0-9](_?[0-9])*)([eE][+-]?[0-9]+)?\\s*"
                    + "|\\s*[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+)\\s*"
                    + "|\\s*([+-]?(?i:infinity|inf)|(?i:nan))\\s*");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "1", "0");
    private static final Pattern UUID = Pattern.compile("\\s*\\{?[0-9a-fA-F-]+}?\\s*");

    private InputSyntax() {}

    /** Throws PostgreSQL's error when {@code value} cannot be a value of the kind; null passes. */
    public static void check(ValueKind kind, String value) {
        if (value == null) {
            return;
        }
        switch (kind) {
            case SMALLINT -> integer(value, "smallint", 16);
            case INTEGER -> integer(value, "integer", 32);
            case BIGINT -> integer(value, "bigint", 64);
            case NUMERIC -> {
                if (!NUMERIC.matcher(value).matches()) {
                    throw invalid("numeric", value);
                }
            }
            case BOOLEAN -> {
                if (!isBoolean(value.strip().toLowerCase(Locale.ROOT))) {
                    throw invalid("boolean", value);
                }
            }
            case UUID -> {
                if (!UUID.matcher(value).matches() || hexDigits(value) != 32) {
                    throw invalid("uuid", value);
                }
            }
            default -> {
                // other types: PostgreSQL decides
            }
        }
    }

    private static void integer(String value, String type, int bits) {
        if (shortDecimal(value)) {
            // the usual value (id=eq.42): a long holds it, no pattern or BigInteger needed
            long n = Long.parseLong(value);
            if (bits < Long.SIZE && (n < -(1L << (bits - 1)) || n >= 1L << (bits - 1))) {
                throw ApiErrors.outOfRange(value, type);
            }
            return;
        }
        if (!INTEGER.matcher(value).matches()) {
            throw invalid(type, value);
        }
        String digits = value.strip().replace("_", "");
        boolean negative = digits.startsWith("-");
        if (digits.startsWith("+") || digits.startsWith("-")) {
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.length() > 1 && Character.isLetter(digits.charAt(1))) {
            radix = switch (Character.toLowerCase(digits.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            digits = digits.substring(2);
        }
        BigInteger n = new BigInteger(digits, radix);
        if (negative) {
            n = n.negate();
        }
        if (n.bitLength() > bits - 1) {
            throw ApiErrors.outOfRange(value, type);
        }
    }

    /** {@code [+-]?[0-9]{1,18}}: always within a long. */
    private static boolean shortDecimal(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** PostgreSQL's boolean input: the words, or any unique prefix of them of one letter or more. */
    private static boolean isBoolean(String v) {
        if (v.isEmpty()) {
            return false;
        }
        if (BOOLEAN_WORDS.contains(v)) {
            return true;
        }
        if (v.equals("o")) {
            return false;
        }
        for (String word : new String[] {"true", "false", "yes", "no"}) {
            if (word.startsWith(v)) {
                return true;
            }
        }
        return v.equals("of");
    }

    private static int hexDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static ApiError invalid(String type, String value) {
        return ApiErrors.invalidInput(type, value);
    }
}
