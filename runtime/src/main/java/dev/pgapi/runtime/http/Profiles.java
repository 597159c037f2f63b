package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerRequestHeaders;
import java.util.List;

/** Schema selection by {@code Accept-Profile} (reads) and {@code Content-Profile} (writes), as in PostgREST. */
final class Profiles {

    static final HeaderName ACCEPT_PROFILE = HeaderNames.create("Accept-Profile");
    static final HeaderName CONTENT_PROFILE = HeaderNames.create("Content-Profile");

    private final List<String> schemas;

    Profiles(List<String> schemas) {
        this.schemas = List.copyOf(schemas);
    }

    /** The schema this request addresses: the profile header's, else the first configured one. */
    String negotiate(Method method, ServerRequestHeaders headers) {
        boolean read = method == Method.GET || method == Method.HEAD || method == Method.OPTIONS;
        HeaderName header = read ? ACCEPT_PROFILE : CONTENT_PROFILE;
        if (!headers.contains(header)) {
            return schemas.getFirst();
        }
        String requested = headers.get(header).get();
        if (!schemas.contains(requested)) {
            throw ApiErrors.invalidSchema(requested, schemas);
        }
        return requested;
    }

    /** Whether responses name their schema: with several schemas, or when the client asked for one. */
    boolean announce(ServerRequestHeaders headers) {
        return schemas.size() > 1 || headers.contains(ACCEPT_PROFILE) || headers.contains(CONTENT_PROFILE);
    }

    List<String> schemas() {
        return schemas;
    }
}
