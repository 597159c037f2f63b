package dev.pgapi.runtime.http;

/**
 * The stages of one request for {@code server-timing-enabled}, under PostgREST's names: {@code jwt} (token
 * verification in the API filter), {@code parse} (from there until the handler has parsed the query string, the
 * headers and the body), {@code plan} (building the SQL and the request's settings), {@code transaction} (the
 * database round trips) and {@code response} (from the end of the transaction until the headers are written).
 * Created only when enabled, so a disabled server reads no clock for it.
 *
 * <p>Written and read by the one thread that handles the request.
 */
final class ServerTiming {

    private final long start = System.nanoTime();
    private long jwtDone;
    private long parsed;
    private long transactionStart;
    private long transactionEnd;

    void jwtDone() {
        jwtDone = System.nanoTime();
    }

    void parsed() {
        parsed = System.nanoTime();
    }

    void transactionStarts() {
        transactionStart = System.nanoTime();
    }

    void transactionEnds() {
        transactionEnd = System.nanoTime();
    }

    /** {@code jwt;dur=0.1, parse;dur=0.0, ...} in milliseconds with one decimal; missing stages count 0. */
    String header() {
        long now = System.nanoTime();
        long jwt = jwtDone == 0 ? start : jwtDone;
        long txStart = transactionStart == 0 ? now : transactionStart;
        long txEnd = transactionEnd == 0 ? txStart : transactionEnd;
        long parseEnd = parsed == 0 ? txStart : parsed;
        var header = new StringBuilder(96);
        stage(header, "jwt", jwt - start);
        stage(header.append(", "), "parse", parseEnd - jwt);
        stage(header.append(", "), "plan", txStart - parseEnd);
        stage(header.append(", "), "transaction", txEnd - txStart);
        stage(header.append(", "), "response", now - txEnd);
        return header.toString();
    }

    private static void stage(StringBuilder header, String name, long nanos) {
        long tenths = Math.max(0, (nanos + 50_000) / 100_000);
        header.append(name).append(";dur=").append(tenths / 10).append('.').append(tenths % 10);
    }
}
