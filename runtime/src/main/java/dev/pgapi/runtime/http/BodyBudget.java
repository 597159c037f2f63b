package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import io.helidon.webserver.http.ServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request bodies held in memory at once. A body costs a few times its size while its request runs (the
 * bytes, their text, the driver's encoded copy), so concurrent large bodies could exhaust the heap, and the JVM would
 * fail them with 500s. Beyond the budget a request is answered 503 (retry shortly) before its body is read further;
 * a body larger than the whole budget, 413.
 *
 * <p>The budget is an eighth of the maximum heap: about half of it for bodies at four times their size.
 */
final class BodyBudget {

    /** What a request holds; released when the request ends. */
    private static final class Held {
        long bytes;
    }

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    static BodyBudget ofHeap() {
        return new BodyBudget(Runtime.getRuntime().maxMemory() / 8);
    }

    long capacity() {
        return capacity;
    }

    /** Takes {@code bytes} more for {@code req}'s body; throws 413 or 503 when they are not available. */
    void take(ServerRequest req, long bytes) {
        if (bytes > capacity) {
            throw ApiErrors.bodyOverBudget(capacity);
        }
        long now;
        do {
            now = used.get();
            if (now + bytes > capacity) {
                throw ApiErrors.bodyBudgetExhausted(capacity);
            }
        } while (!used.compareAndSet(now, now + bytes));
        Held held = req.context().get(Held.class).orElse(null);
        if (held == null) {
            held = new Held();
            req.context().register(held);
        }
        held.bytes += bytes;
    }

    /** Gives back what {@code req} took. */
    void release(ServerRequest req) {
        req.context().get(Held.class).ifPresent(held -> {
            used.addAndGet(-held.bytes);
            held.bytes = 0;
        });
    }
}
