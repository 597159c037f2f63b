package dev.pgapi.runtime.server;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ServerConnectionException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The bytes a client sends, as Helidon's HTTP/1 connection reads them, with two additions: each read is reported
 * (for the header timeout), and a connection whose first request is HTTP/1.0 is served.
 *
 * <p>Helidon 4 refuses HTTP/1.0 in its request-line parser with no option to accept it, while nginx
 * ({@code proxy_http_version} defaults to 1.0) and ApacheBench send it. An HTTP/1.0 request differs from an HTTP/1.1
 * one that asks to close the connection only in what the response may use, and pgapi's responses always carry a
 * {@code Content-Length}; so the first request line's version is read as 1.1 and {@code Connection: close} is added
 * after it. The connection then closes after that response, as HTTP/1.0 without keep-alive expects.
 */
final class RequestStream implements Supplier<byte[]> {

    private static final byte[] HTTP_10_LINE_END = " HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HelidonSocket socket;
    private final Runnable received;
    private final int maxRequestLine;
    private boolean firstRead = true;

    /** @param received called after each read that returned bytes */
    RequestStream(HelidonSocket socket, Runnable received, int maxRequestLine) {
        this.socket = socket;
        this.received = received;
        this.maxRequestLine = maxRequestLine;
    }

    @Override
    public byte[] get() {
        byte[] chunk = read();
        if (firstRead && chunk != null) {
            firstRead = false;
            return firstRequestLine(chunk);
        }
        return chunk;
    }

    /** The next bytes from the socket, null at its end. */
    private byte[] read() {
        byte[] chunk;
        try {
            chunk = socket.get();
        } catch (UncheckedIOException e) {
            // as Helidon's own reader does: the client went away, or the connection was closed on timeout
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
        if (chunk != null) {
            received.run();
        }
        return chunk;
    }

    /** Reads until the first line is complete (or too long to be served anyway) and adapts an HTTP/1.0 one. */
    private byte[] firstRequestLine(byte[] chunk) {
        byte[] data = chunk;
        int lf;
        while ((lf = indexOf(data, (byte) '\n')) < 0 && data.length <= maxRequestLine) {
            byte[] more = read();
            if (more == null) {
                return data;
            }
            data = concat(data, more);
        }
        if (lf < 0 || !isHttp10LineEnd(data, lf)) {
            return data;
        }
        var out = new ByteArrayOutputStream(data.length + CLOSE.length);
        data[lf - 2] = '1';
        out.write(data, 0, lf + 1);
        out.write(CLOSE, 0, CLOSE.length);
        out.write(data, lf + 1, data.length - lf - 1);
        return out.toByteArray();
    }

    private static boolean isHttp10LineEnd(byte[] data, int lf) {
        int start = lf + 1 - HTTP_10_LINE_END.length;
        return start > 0 && Arrays.equals(data, start, lf + 1, HTTP_10_LINE_END, 0, HTTP_10_LINE_END.length);
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
