package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectTransportRequest;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A request body read into memory up to {@code server-max-body-size} bytes; a larger body is refused with 413
 * without reading further than the limit, and one that does not fit the {@link BodyBudget} with 503.
 *
 * @param bytes      the body, empty when there is none
 * @param mediaType  the {@code Content-Type} without parameters, lower case; {@code application/json} when absent
 */
record RequestBody(byte[] bytes, String mediaType) {

    static final String JSON = "application/json";
    static final String CSV = "text/csv";
    static final String FORM = "application/x-www-form-urlencoded";

    /** Reads the body, holding its size from {@code budget} until the request ends. */
    static RequestBody read(ServerRequest req, long maxBytes, BodyBudget budget) {
        String mediaType = req.headers()
                .first(HeaderNames.CONTENT_TYPE)
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .orElse(JSON);
        if (!req.content().hasEntity()) {
            return new RequestBody(new byte[0], mediaType);
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        long cap = Math.min(maxBytes + 1, Integer.MAX_VALUE - 8);
        try (InputStream in = req.content().inputStream()) {
            int initial = (int) Math.min(declared >= 0 ? declared : 8192, cap);
            budget.take(req, Math.max(initial, 16));
            byte[] buffer = new byte[Math.max(initial, 16)];
            int size = 0;
            while (true) {
                if (size == buffer.length) {
                    // full, as when the declared length was read: grow only if more is coming
                    int next = in.read();
                    if (next < 0) {
                        break;
                    }
                    if (size >= maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    int grown = (int) Math.min((long) buffer.length * 2, cap);
                    budget.take(req, grown - buffer.length);
                    buffer = Arrays.copyOf(buffer, grown);
                    buffer[size++] = (byte) next;
                }
                int n = in.read(buffer, size, buffer.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw tooLarge(maxBytes);
                }
            }
            return new RequestBody(size == buffer.length ? buffer : Arrays.copyOf(buffer, size), mediaType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException | DataReader.IncorrectNewLineException e) {
            // Helidon lets a malformed chunk size line escape as a parse error (a 500); it is the client's framing
            throw RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.BAD_REQUEST_400)
                    .setKeepAlive(false)
                    .request(DirectTransportRequest.create(req.prologue(), req.headers()))
                    .message("Invalid chunked request body")
                    .cause(e)
                    .build();
        }
    }

    /**
     * The body as text; a body that is not valid UTF-8 is refused (PGRST102), never decoded with replacement
     * characters.
     */
    String text() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        // the decoder replaced something, or the body holds U+FFFD itself: only a strict decoding can tell
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw mediaType.equals(JSON) ? Payload.invalidJson() : ApiErrors.bodyNotUtf8();
            }
        }
        return text;
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    static ApiError tooLarge(long maxBytes) {
        return ApiErrors.bodyOverMaxSize(maxBytes);
    }

    static ApiError contentTypeNotAcceptable(String mediaType) {
        return ApiErrors.contentTypeNotAcceptable(mediaType);
    }
}
