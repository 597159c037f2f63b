package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.MediaHandlerInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code Accept} negotiation for reads, write representations and function results, as PostgREST does it. */
final class Negotiation {

    static final String CSV = "text/csv; charset=utf-8";
    static final String GEOJSON = "application/geo+json; charset=utf-8";
    static final String OBJECT = "application/vnd.pgrst.object+json; charset=utf-8";
    static final String OBJECT_STRIPPED = "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8";
    static final String ARRAY_STRIPPED = "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8";

    /**
     * The chosen representation.
     *
     * @param shape        how PostgreSQL renders the body
     * @param contentType  the response's {@code Content-Type}
     * @param plan         the execution plan of the statement rendering {@code shape} that is asked for instead of
     *                     its result, or null
     * @param handler      the media type handler rendering the body for {@link Shape#HANDLER}, else null
     */
    record Media(Shape shape, String contentType, ExecutionPlan plan, MediaHandlerInfo handler) {
        Media(Shape shape, String contentType) {
            this(shape, contentType, null, null);
        }

        Media(MediaHandlerInfo handler) {
            this(Shape.HANDLER, handler.contentType(), null, handler);
        }

        boolean singular() {
            return shape == Shape.OBJECT || shape == Shape.OBJECT_STRIPPED;
        }

        /** A singular response of any other number of rows is PGRST116 (a write or call then rolls back). */
        void requireOne(long rows) {
            if (singular() && plan == null && rows != 1) {
                throw ApiErrors.singularity(rows);
            }
        }
    }

    private static final Set<String> PLAN =
            Set.of("application/vnd.pgrst.plan", "application/vnd.pgrst.plan+text", "application/vnd.pgrst.plan+json");

    private record Range(String type, List<String> params, double q, int position) {}

    private Negotiation() {}

    /**
     * The first acceptable media type by q-value (then order); none → PGRST107. No {@code Accept} is any. An
     * execution plan is acceptable only with {@code planEnabled} ({@code db-plan-enabled}).
     */
    static Media negotiate(ServerRequestHeaders headers, boolean planEnabled) {
        return negotiate(headers, planEnabled, Handlers.NONE);
    }

    /** As {@link #negotiate(ServerRequestHeaders, boolean)}, with the endpoint's media type handlers. */
    static Media negotiate(ServerRequestHeaders headers, boolean planEnabled, Handlers handlers) {
        return negotiate(headers.first(HeaderNames.ACCEPT).orElse(""), planEnabled, handlers);
    }

    static Media negotiate(String accept, boolean planEnabled) {
        return negotiate(accept, planEnabled, Handlers.NONE);
    }

    /**
     * The media type handlers of an endpoint, as PostgREST looks them up for each acceptable media type in turn: the
     * endpoint's wildcard handler, then its handler of that media type (both only when the response selects every
     * column, PostgREST's "default select"), then an {@code anyelement} aggregate of that media type, then the
     * built-in one. PostgREST's vendor types ({@code vnd.pgrst.object}, {@code vnd.pgrst.array;nulls=stripped},
     * {@code vnd.pgrst.plan}) are never handled.
     *
     * @param handlers       the endpoint's handlers, as the descriptors list them
     * @param defaultSelect  the request selects every column ({@code select} absent or {@code *})
     */
    record Handlers(List<MediaHandlerInfo> handlers, boolean defaultSelect) {
        static final Handlers NONE = new Handlers(List.of(), false);

        Handlers {
            handlers = List.copyOf(handlers);
        }

        /** The handler answering {@code type} (lower case, without parameters), or null. */
        MediaHandlerInfo find(String type) {
            if (handlers.isEmpty()) {
                return null;
            }
            if (defaultSelect) {
                for (MediaHandlerInfo h : handlers) {
                    if (h.kind() != MediaHandlerInfo.Kind.ANY_ELEMENT && h.any()) {
                        return h;
                    }
                }
                for (MediaHandlerInfo h : handlers) {
                    if (h.kind() != MediaHandlerInfo.Kind.ANY_ELEMENT && h.key().equals(type)) {
                        return h;
                    }
                }
            }
            for (MediaHandlerInfo h : handlers) {
                if (h.kind() == MediaHandlerInfo.Kind.ANY_ELEMENT && h.key().equals(type)) {
                    return h;
                }
            }
            return null;
        }
    }

    static Media negotiate(String accept, boolean planEnabled, Handlers handlers) {
        List<Range> ranges = parse(accept);
        if (ranges.isEmpty()) {
            // no Accept is any media type
            MediaHandlerInfo any = handlers.find(MediaHandlerInfo.ANY);
            return any != null ? new Media(any) : new Media(Shape.ARRAY, Responses.JSON);
        }
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingDouble(Range::q).reversed().thenComparingInt(Range::position));
        for (Range r : sorted) {
            if (r.q() <= 0) {
                continue;
            }
            Media m = PLAN.contains(r.type()) ? (planEnabled ? plan(r, handlers) : null) : produce(r, handlers);
            if (m != null) {
                return m;
            }
        }
        throw ApiErrors.mediaTypes(
                String.join(", ", ranges.stream().map(Negotiation::describe).toList()));
    }

    /** A plan's media type as PostgREST names it in PGRST107; other types as they were asked for. */
    private static String describe(Range r) {
        if (!PLAN.contains(r.type())) {
            return r.type();
        }
        Range target = target(r);
        Media media = target == null ? null : produce(target, Handlers.NONE);
        return executionPlan(r, media == null ? param(r, "for") : targetName(target, media))
                .mediaType();
    }

    /** The plan of the statement for its {@code for} media type (JSON when absent); null when that one is not. */
    private static Media plan(Range r, Handlers handlers) {
        Range target = target(r);
        Media media = target == null ? null : produce(target, handlers);
        if (media == null) {
            return null;
        }
        ExecutionPlan plan = executionPlan(r, targetName(target, media));
        return new Media(media.shape(), plan.contentType(), plan, media.handler());
    }

    private static ExecutionPlan executionPlan(Range r, String target) {
        return ExecutionPlan.of(r.type().endsWith("+json"), target, param(r, "options"));
    }

    private static Range target(Range plan) {
        String target = param(plan, "for");
        List<Range> ranges = parse(target == null ? "application/json" : target);
        return ranges.size() == 1 ? ranges.getFirst() : null;
    }

    /** The target's name in the plan's media type: {@code *}/{@code *} as is, else the type produced, uncharset. */
    private static String targetName(Range target, Media media) {
        return target.type().equals("*/*") ? "*/*" : media.contentType().replace("; charset=utf-8", "");
    }

    /** A parameter's value without quotes, or null. */
    private static String param(Range r, String name) {
        for (String p : r.params()) {
            if (p.startsWith(name + "=")) {
                String value = p.substring(name.length() + 1);
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1)
                        : value;
            }
        }
        return null;
    }

    /** PostgREST's vendor types first (never handled), then a handler, then the built-in types. */
    private static Media produce(Range r, Handlers handlers) {
        boolean stripped = r.params().contains("nulls=stripped");
        boolean array =
                r.type().equals("application/vnd.pgrst.array+json") || r.type().equals("application/vnd.pgrst.array");
        boolean vendor = r.type().equals("application/vnd.pgrst.object+json")
                || r.type().equals("application/vnd.pgrst.object")
                || (array && stripped);
        if (!vendor) {
            // vnd.pgrst.array without nulls=stripped is application/json to PostgREST
            String type = array ? "application/json" : r.type();
            MediaHandlerInfo handler = handlers.find(type);
            if (handler != null) {
                return new Media(handler);
            }
        }
        return switch (r.type()) {
            case "*/*", "application/json" -> new Media(Shape.ARRAY, Responses.JSON);
            case "application/vnd.pgrst.array+json" ->
                stripped ? new Media(Shape.ARRAY_STRIPPED, ARRAY_STRIPPED) : new Media(Shape.ARRAY, Responses.JSON);
            case "application/vnd.pgrst.object+json", "application/vnd.pgrst.object" ->
                stripped ? new Media(Shape.OBJECT_STRIPPED, OBJECT_STRIPPED) : new Media(Shape.OBJECT, OBJECT);
            case "text/csv" -> new Media(Shape.CSV, CSV);
            case "application/geo+json" -> new Media(Shape.GEOJSON, GEOJSON);
            default -> null;
        };
    }

    private static List<Range> parse(String accept) {
        var out = new ArrayList<Range>();
        int position = 0;
        for (String part : split(accept, ',')) {
            List<String> pieces = split(part, ';');
            String type = pieces.getFirst().strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            var params = new ArrayList<String>();
            double q = 1.0;
            for (int i = 1; i < pieces.size(); i++) {
                String p = pieces.get(i).strip().replace(" ", "");
                if (p.isEmpty()) {
                    continue;
                }
                if (p.startsWith("q=")) {
                    q = quality(p.substring(2));
                } else {
                    params.add(p.toLowerCase(Locale.ROOT));
                }
            }
            out.add(new Range(type, params, q, position++));
        }
        return out;
    }

    /**
     * Splits at {@code separator} outside double quotes: a plan's {@code for="..."} may hold a media type with its
     * own parameters.
     */
    private static List<String> split(String text, char separator) {
        var out = new ArrayList<String>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static double quality(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }
}
