package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.schema.ValueKind;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rejects filter values that PostgreSQL could never convert to the column's type, with PostgreSQL's own error, so
 * that such requests need no round trip. Only values that are certainly invalid are rejected: anything PostgreSQL
 * might accept (underscores, hexadecimal, blanks, {@code NaN}) is left to it.
 */
final class ValueChecks {

    private static final Pattern INTEGER =
            Pattern.compile("[+-]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern NUMERIC = Pattern.compile(
            "[+-]?((0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)|(([0-9][0-9_]*)?\\.?[0-9_]*([eE][+-]?[0-9]+)?)"
                    + "|nan|inf|infinity)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOOLEAN =
            Pattern.compile("t(r(ue?)?)?|f(a(l(se?)?)?)?|y(es?)?|no?|on|off|1|0", Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID = Pattern.compile("\\{?([0-9a-fA-F]{4}-?){7}[0-9a-fA-F]{4}\\}?");

    private ValueChecks() {}

    /** Throws PostgreSQL's 22P02/22003 when {@code value} can never be a {@code kind}. */
    static void check(ValueKind kind, String value) {
        String trimmed = value.strip();
        switch (kind) {
            case SMALLINT -> integer(value, trimmed, "smallint", Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> integer(value, trimmed, "integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integer(value, trimmed, "bigint", Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC -> {
                if (!NUMERIC.matcher(trimmed).matches() || !hasDigitOrWord(trimmed)) {
                    throw invalid("numeric", value);
                }
            }
            case BOOLEAN -> {
                if (!BOOLEAN.matcher(trimmed).matches()) {
                    throw invalid("boolean", value);
                }
            }
            case UUID -> {
                if (!UUID.matcher(trimmed).matches()) {
                    throw invalid("uuid", value);
                }
            }
            default -> {}
        }
    }

    private static boolean hasDigitOrWord(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.chars().anyMatch(Character::isDigit) || lower.contains("nan") || lower.contains("inf");
    }

    private static void integer(String value, String trimmed, String type, long min, long max) {
        if (shortDecimal(trimmed)) {
            // the usual value (id=eq.42): a long holds it, no pattern or BigInteger needed
            long n = Long.parseLong(trimmed);
            if (n < min || n > max) {
                throw ApiErrors.outOfRange(value, type);
            }
            return;
        }
        if (!INTEGER.matcher(trimmed).matches()) {
            throw invalid(type, value);
        }
        if (DECIMAL.matcher(trimmed).matches()) {
            BigInteger n = new BigInteger(trimmed);
            if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
                throw ApiErrors.outOfRange(value, type);
            }
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

    private static ApiError invalid(String type, String value) {
        return ApiErrors.invalidInput(type, value);
    }
}
