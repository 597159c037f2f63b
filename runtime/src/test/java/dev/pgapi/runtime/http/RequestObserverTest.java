package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.ops.Metrics.Kind;
import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

class RequestObserverTest {

    @Test
    void requestsAreCountedByTheKindOfEndpoint() {
        assertThat(RequestObserver.kind(Method.GET, "/")).isEqualTo(Kind.ROOT);
        assertThat(RequestObserver.kind(Method.HEAD, "/")).isEqualTo(Kind.ROOT);
        assertThat(RequestObserver.kind(Method.GET, "/rpc/add")).isEqualTo(Kind.CALL);
        assertThat(RequestObserver.kind(Method.POST, "/rpc/add")).isEqualTo(Kind.CALL);
        assertThat(RequestObserver.kind(Method.GET, "/books")).isEqualTo(Kind.READ);
        assertThat(RequestObserver.kind(Method.HEAD, "/books")).isEqualTo(Kind.READ);
        for (Method write : new Method[] {Method.POST, Method.PUT, Method.PATCH, Method.DELETE}) {
            assertThat(RequestObserver.kind(write, "/books")).isEqualTo(Kind.WRITE);
        }
        assertThat(RequestObserver.kind(Method.OPTIONS, "/books")).isEqualTo(Kind.OPTIONS);
        assertThat(RequestObserver.kind(Method.TRACE, "/books")).isEqualTo(Kind.OTHER);
    }
}
