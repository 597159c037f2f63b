package dev.pgapi.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.socket.HelidonSocket;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestStreamTest {

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void http10RequestLineIsReadAsHttp11AskingToClose() {
        var stream = stream(128, "GET /books?id=eq.1 HTTP/1.0\r\nHost: x\r\n\r\n");
        assertThat(text(stream.get())).isEqualTo("GET /books?id=eq.1 HTTP/1.1\r\nConnection: close\r\nHost: x\r\n\r\n");
        assertThat(stream.get()).isNull();
    }

    @Test
    void http10RequestLineSplitOverReadsIsJoinedFirst() {
        var stream = stream(128, "GET /bo", "oks HTTP/1", ".0\r\n\r\n", "next");
        assertThat(text(stream.get())).isEqualTo("GET /books HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(text(stream.get())).isEqualTo("next");
        assertThat(reads).hasValue(4);
    }

    @Test
    void http11AndLaterRequestsPassUnchanged() {
        var stream = stream(128, "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.0\r\n\r\n");
        assertThat(text(stream.get())).isEqualTo("GET / HTTP/1.1\r\n\r\n");
        assertThat(text(stream.get())).isEqualTo("GET / HTTP/1.0\r\n\r\n");
    }

    @Test
    void requestLineLongerThanTheLimitIsLeftForHelidonToRefuse() {
        var stream = stream(8, "GET /long", "er HTTP/1.0\r\n\r\n");
        assertThat(text(stream.get())).isEqualTo("GET /long");
    }

    @Test
    void endOfStreamBeforeTheLineEndsPassesWhatCame() {
        var stream = stream(128, "GET / HTTP/1.0");
        assertThat(text(stream.get())).isEqualTo("GET / HTTP/1.0");
        assertThat(stream.get()).isNull();
    }

    /** A stream over a socket that returns {@code chunks} one per read, then its end. */
    private RequestStream stream(int maxRequestLine, String... chunks) {
        Deque<byte[]> queue = new ArrayDeque<>();
        for (String chunk : chunks) {
            queue.add(chunk.getBytes(StandardCharsets.US_ASCII));
        }
        var socket = (HelidonSocket) Proxy.newProxyInstance(
                HelidonSocket.class.getClassLoader(), new Class<?>[] {HelidonSocket.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return queue.poll();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new RequestStream(socket, reads::incrementAndGet, maxRequestLine);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
