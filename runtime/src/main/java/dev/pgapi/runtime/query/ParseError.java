package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;

/** PGRST100: a query parameter that does not follow PostgREST's grammar. */
public final class ParseError {

    private ParseError() {
    }

    /**
     * The error PostgREST reports, e.g. message {@code "failed to parse filter (0)" (line 1, column 1)} and details
     * {@code unexpected "0" expecting "not" or operator (eq, gt, ...)}.
     *
     * @param what      what was being parsed ({@code select parameter}, {@code filter}, {@code logic tree}, ...)
     * @param input     the parameter value
     * @param position  0-based offset of the offending character
     * @param expecting what the grammar wanted there
     */
    public static ApiError at(String what, String input, int position, String expecting) {
        String unexpected = position >= input.length()
                ? "end of input"
                : "\"" + input.charAt(position) + "\"";
        String message = "\"failed to parse " + what + " (" + input + ")\" (line 1, column " + (position + 1) + ")";
        return ApiError.of(400, "PGRST100", message, "unexpected " + unexpected + " expecting " + expecting, null);
    }
}
