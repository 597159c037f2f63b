package dev.pgapi.runtime.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The request's query string as an ordered list of decoded {@code key=value} pairs, like PostgREST reads it. */
public final class QueryString {

    /** One decoded pair; a key without {@code =} has an empty value. */
    public record Param(String key, String value) {}

    private QueryString() {}

    /** Decodes a raw query string ({@code +} is a space, percent escapes are UTF-8). */
    public static List<Param> parse(String raw) {
        var params = new ArrayList<Param>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new Param(decode(key), decode(value)));
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a malformed escape such as "%zz" is kept literally, as PostgREST's decoder does
            return s;
        }
    }
}
