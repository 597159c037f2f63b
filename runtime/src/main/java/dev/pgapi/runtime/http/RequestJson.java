package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.Json;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The request data PostgREST exposes to SQL as JSON settings: {@code request.headers} and {@code request.cookies}. */
final class RequestJson {

    private RequestJson() {}

    /** All headers but Cookie, names lower-cased; for repeated names the last value wins, as in PostgREST. */
    static String headers(ServerRequestHeaders headers) {
        var byName = new LinkedHashMap<String, String>();
        for (Header header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!name.equals("cookie")) {
                // one value is the rule: read it without the list allValues() builds
                int count = header.valueCount();
                byName.put(
                        name,
                        count == 1
                                ? header.get()
                                : count == 0 ? "" : header.allValues().getLast());
            }
        }
        return object(byName);
    }

    /** Cookies parsed from the Cookie header(s). */
    static String cookies(ServerRequestHeaders headers) {
        var cookies = new LinkedHashMap<String, String>();
        if (headers.contains(HeaderNames.COOKIE)) {
            for (String value : headers.get(HeaderNames.COOKIE).allValues()) {
                for (String pair : value.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        cookies.put(
                                pair.substring(0, eq).strip(),
                                pair.substring(eq + 1).strip());
                    }
                }
            }
        }
        return object(cookies);
    }

    static String object(Map<String, String> entries) {
        int size = 2;
        for (var e : entries.entrySet()) {
            size += e.getKey().length() + e.getValue().length() + 6;
        }
        var out = new StringBuilder(size).append('{');
        for (var e : entries.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            Json.quoteInto(out, e.getKey()).append(':');
            Json.quoteInto(out, e.getValue());
        }
        return out.append('}').toString();
    }
}
