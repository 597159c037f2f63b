package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Prefer} header as PostgREST reads it: several headers and comma lists are merged, blanks trimmed, and
 * for each family the first occurrence wins. Unknown preferences are ignored unless {@code handling=strict}.
 *
 * @param returning    {@code return=}: {@code minimal}, {@code headers-only}, {@code representation}, or null
 * @param count        {@code count=}: {@code exact}, {@code planned}, {@code estimated}, or null
 * @param resolution   {@code resolution=}: {@code merge-duplicates}, {@code ignore-duplicates}, or null
 * @param missing      {@code missing=}: {@code default}, {@code null}, or null
 * @param handling     {@code handling=}: {@code strict}, {@code lenient}, or null
 * @param tx           {@code tx=}: {@code commit}, {@code rollback}, or null
 * @param timezone     {@code timezone=} value, or null
 * @param maxAffected  {@code max-affected=} value, or null
 * @param invalid      preferences that were not understood, in order
 */
public record Preferences(String returning, String count, String resolution, String missing, String handling,
                          String tx, String timezone, Long maxAffected, List<String> invalid) {

    static final HeaderName PREFER = HeaderNames.create("Prefer");

    public Preferences {
        invalid = List.copyOf(invalid);
    }

    static Preferences none() {
        return new Preferences(null, null, null, null, null, null, null, null, List.of());
    }

    /**
     * The request's preferences, parsed once per request: handlers and the settings batch (for {@code timezone})
     * both ask for them.
     */
    static Preferences of(ServerRequest req) {
        var parsed = req.context().get(Preferences.class);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        Preferences prefs = of(req.headers());
        req.context().register(prefs);
        return prefs;
    }

    /** Parses every {@code Prefer} header; with {@code handling=strict}, unknown ones are PGRST122. */
    static Preferences of(ServerRequestHeaders headers) {
        if (!headers.contains(PREFER)) {
            return none();
        }
        var tokens = new ArrayList<String>();
        for (String value : headers.get(PREFER).allValues()) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    tokens.add(token.strip());
                }
            }
        }
        return parse(tokens);
    }

    static Preferences parse(List<String> tokens) {
        String returning = null;
        String count = null;
        String resolution = null;
        String missing = null;
        String handling = null;
        String tx = null;
        String timezone = null;
        Long maxAffected = null;
        var invalid = new ArrayList<String>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            boolean known = switch (name) {
                case "return" -> oneOf(value, "minimal", "headers-only", "representation");
                case "count" -> oneOf(value, "exact", "planned", "estimated");
                case "resolution" -> oneOf(value, "merge-duplicates", "ignore-duplicates");
                case "missing" -> oneOf(value, "default", "null");
                case "handling" -> oneOf(value, "strict", "lenient");
                case "tx" -> oneOf(value, "commit", "rollback");
                case "timezone" -> !value.isEmpty();
                case "max-affected" -> value.matches("[0-9]{1,18}");
                default -> false;
            };
            if (!known) {
                invalid.add(token);
                continue;
            }
            switch (name) {
                case "return" -> returning = returning == null ? value : returning;
                case "count" -> count = count == null ? value : count;
                case "resolution" -> resolution = resolution == null ? value : resolution;
                case "missing" -> missing = missing == null ? value : missing;
                case "handling" -> handling = handling == null ? value : handling;
                case "tx" -> tx = tx == null ? value : tx;
                case "timezone" -> timezone = timezone == null ? value : timezone;
                default -> maxAffected = maxAffected == null ? Long.valueOf(value) : maxAffected;
            }
        }
        if ("strict".equals(handling) && !invalid.isEmpty()) {
            throw ApiErrors.invalidPreferences(invalid);
        }
        return new Preferences(returning, count, resolution, missing, handling, tx, timezone, maxAffected, invalid);
    }

    /**
     * {@code Preference-Applied}: what the response honoured, in PostgREST's order (resolution, missing, return,
     * count, tx, handling, timezone, max-affected); empty when nothing was.
     *
     * @param resolution   the resolution applies (POST on a table with a key or {@code on_conflict})
     * @param missing      {@code missing=} applies (POST, PATCH)
     * @param returning    {@code return=} applies (writes)
     * @param anyCount     every count preference applies (reads); otherwise only {@code count=exact}
     * @param tx           {@code tx=...} when honoured, else null
     * @param maxAffected  {@code max-affected} applies (PATCH, DELETE, RPC) when {@code handling=strict}
     */
    String applied(boolean resolution, boolean missing, boolean returning, boolean anyCount, String tx,
                   boolean maxAffected) {
        var applied = new ArrayList<String>();
        if (resolution && this.resolution != null) {
            applied.add("resolution=" + this.resolution);
        }
        if (missing && this.missing != null) {
            applied.add("missing=" + this.missing);
        }
        if (returning && this.returning != null) {
            applied.add("return=" + this.returning);
        }
        if (count != null && (anyCount || count.equals("exact"))) {
            applied.add("count=" + count);
        }
        if (tx != null) {
            applied.add(tx);
        }
        if (handling != null) {
            applied.add("handling=" + handling);
        }
        if (timezone != null) {
            applied.add("timezone=" + timezone);
        }
        if (maxAffected && "strict".equals(handling) && this.maxAffected != null) {
            applied.add("max-affected=" + this.maxAffected);
        }
        return String.join(", ", applied);
    }

    private static boolean oneOf(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
