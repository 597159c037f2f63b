package dev.pgapi.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection on which tests write requests byte for byte, for what HTTP clients would normalise or refuse to send
 * (raw characters in URLs, HTTP/1.0, malformed framing, partial requests), and read responses as they come.
 */
final class RawHttp implements AutoCloseable {

    /** Generous: only for liveness, a server that misbehaves fails the test instead of hanging it. */
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A request on a new connection that asks to be closed after the response. */
    static Response get(int port, String target) throws IOException {
        try (var http = new RawHttp(port)) {
            http.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            return http.read();
        }
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next response; its body is read by {@code Content-Length} (chunked bodies are not expected). */
    Response read() throws IOException {
        return read(false);
    }

    /** The next response to a HEAD request: headers only, whatever they say about a body. */
    Response readHead() throws IOException {
        return read(true);
    }

    /** Whether the server closes the connection (with nothing more sent) before the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // a reset is a close too
            return true;
        }
    }

    private Response read(boolean head) throws IOException {
        String statusLine = line();
        var headers = new LinkedHashMap<String, List<String>>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        var response = new Response(statusLine, headers, "");
        String length = response.header("Content-Length");
        if (head || length == null) {
            return response;
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        return new Response(statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        var bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed after: " + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as received: the status line exactly as sent, headers by lower-case name, the body. */
    record Response(String statusLine, Map<String, List<String>> headers, String body) {

        int status() {
            return Integer.parseInt(statusLine.split(" ", 3)[1]);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }
}
