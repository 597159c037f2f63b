package dev.pgapi.runtime.config;

/**
 * Bounds on what a client may send before pgapi code runs (pgapi only: PostgREST leaves them to its HTTP server).
 *
 * @param maxRequestLineSize   {@code server-max-request-line-size}: bytes of the request line (method, URL, version);
 *                             longer ones are answered with 414
 * @param maxHeaderSize        {@code server-max-header-size}: bytes of all request headers; more is answered with 400
 * @param headerTimeoutSeconds {@code server-header-timeout}: seconds from a request's first byte until its headers are
 *                             complete, after which the connection is closed; 0 = no bound
 */
public record HttpLimits(int maxRequestLineSize, int maxHeaderSize, int headerTimeoutSeconds) {

    public static final int DEFAULT_MAX_REQUEST_LINE_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 30;
}
