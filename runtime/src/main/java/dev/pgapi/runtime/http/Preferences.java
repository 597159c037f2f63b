package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Prefer} header as PostgREST reads it: several headers and comma lists are merged, blanks trimmed, and
 * for each family the first occurrence wins. Unknown preferences are ignored unless {@code handling=strict}. Parsed
 * once per request into the enums below; nothing else reads the header's text.
 *
 * @param returning    {@code return=}, or null
 * @param count        {@code count=}, or null
 * @param resolution   {@code resolution=}, or null
 * @param missing      {@code missing=}, or null
 * @param handling     {@code handling=}, or null
 * @param tx           {@code tx=}, or null
 * @param timezone     {@code timezone=} value, or null
 * @param maxAffected  {@code max-affected=} value, or null
 * @param invalid      preferences that were not understood, in order
 */
public record Preferences(
        Return returning,
        Count count,
        Resolution resolution,
        Missing missing,
        Handling handling,
        Tx tx,
        String timezone,
        Long maxAffected,
        List<String> invalid) {

    /** A preference value. */
    interface Value {
        String name();

        /** The value as the header writes it: the constant's name in lower case, dashes for underscores. */
        default String token() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code return=}. */
    enum Return implements Value {
        MINIMAL,
        HEADERS_ONLY,
        REPRESENTATION
    }

    /** {@code count=}. */
    enum Count implements Value {
        EXACT,
        PLANNED,
        ESTIMATED
    }

    /** {@code resolution=}. */
    enum Resolution implements Value {
        MERGE_DUPLICATES,
        IGNORE_DUPLICATES
    }

    /** {@code missing=}. */
    enum Missing implements Value {
        DEFAULT,
        NULL
    }

    /** {@code handling=}. */
    enum Handling implements Value {
        STRICT,
        LENIENT
    }

    /** {@code tx=}. */
    enum Tx implements Value {
        COMMIT,
        ROLLBACK
    }

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
        Return returning = null;
        Count count = null;
        Resolution resolution = null;
        Missing missing = null;
        Handling handling = null;
        Tx tx = null;
        String timezone = null;
        Long maxAffected = null;
        var invalid = new ArrayList<String>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            // a value that is not understood is invalid even when its family was already set
            boolean known;
            switch (name) {
                case "return" -> {
                    Return v = value(Return.values(), value);
                    known = v != null;
                    returning = returning == null ? v : returning;
                }
                case "count" -> {
                    Count v = value(Count.values(), value);
                    known = v != null;
                    count = count == null ? v : count;
                }
                case "resolution" -> {
                    Resolution v = value(Resolution.values(), value);
                    known = v != null;
                    resolution = resolution == null ? v : resolution;
                }
                case "missing" -> {
                    Missing v = value(Missing.values(), value);
                    known = v != null;
                    missing = missing == null ? v : missing;
                }
                case "handling" -> {
                    Handling v = value(Handling.values(), value);
                    known = v != null;
                    handling = handling == null ? v : handling;
                }
                case "tx" -> {
                    Tx v = value(Tx.values(), value);
                    known = v != null;
                    tx = tx == null ? v : tx;
                }
                case "timezone" -> {
                    known = !value.isEmpty();
                    timezone = timezone == null && known ? value : timezone;
                }
                case "max-affected" -> {
                    known = value.matches("[0-9]{1,18}");
                    maxAffected = maxAffected == null && known ? Long.valueOf(value) : maxAffected;
                }
                default -> known = false;
            }
            if (!known) {
                invalid.add(token);
            }
        }
        if (handling == Handling.STRICT && !invalid.isEmpty()) {
            throw ApiErrors.invalidPreferences(invalid);
        }
        return new Preferences(returning, count, resolution, missing, handling, tx, timezone, maxAffected, invalid);
    }

    /** {@code max-affected}, when {@code handling=strict} makes it binding; else null. */
    Long strictMaxAffected() {
        return handling == Handling.STRICT ? maxAffected : null;
    }

    /**
     * {@code Preference-Applied}: what the response to {@code operation} honoured, in PostgREST's order (resolution,
     * missing, return, count, tx, handling, timezone, max-affected); empty when nothing was.
     *
     * @param txOverridable whether {@code tx=} is honoured ({@code db-tx-end} allows the override)
     */
    String applied(Operation operation, boolean txOverridable) {
        var applied = new ArrayList<String>();
        if (operation.resolves()) {
            add(applied, "resolution", resolution);
        }
        if (operation.fillsMissing()) {
            add(applied, "missing", missing);
        }
        if (operation.writes()) {
            add(applied, "return", returning);
        }
        if (operation == Operation.READ || count == Count.EXACT) {
            add(applied, "count", count);
        }
        String tx = appliedTx(txOverridable);
        if (tx != null) {
            applied.add(tx);
        }
        add(applied, "handling", handling);
        if (timezone != null) {
            applied.add("timezone=" + timezone);
        }
        if (operation.limitsAffected() && strictMaxAffected() != null) {
            applied.add("max-affected=" + maxAffected);
        }
        return String.join(", ", applied);
    }

    /** {@code tx=...} for {@code Preference-Applied}, or null when the preference was not given or not honoured. */
    String appliedTx(boolean txOverridable) {
        return txOverridable && tx != null ? "tx=" + tx.token() : null;
    }

    private static void add(List<String> applied, String name, Value value) {
        if (value != null) {
            applied.add(name + "=" + value.token());
        }
    }

    /** The value whose token is {@code text}, or null. */
    private static <V extends Value> V value(V[] values, String text) {
        for (V v : values) {
            if (v.token().equals(text)) {
                return v;
            }
        }
        return null;
    }
}
