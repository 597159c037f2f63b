package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.ReadPlanner;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code Accept} negotiation for reads, write representations and function results, as PostgREST does it. */
final class Negotiation {

    static final String CSV = "text/csv; charset=utf-8";
    static final String OBJECT = "application/vnd.pgrst.object+json; charset=utf-8";
    static final String OBJECT_STRIPPED = "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8";
    static final String ARRAY_STRIPPED = "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8";

    /**
     * The chosen representation.
     *
     * @param shape        how PostgreSQL renders the body
     * @param contentType  the response's {@code Content-Type}
     */
    record Media(ReadPlanner.Shape shape, String contentType) {
        boolean singular() {
            return shape == ReadPlanner.Shape.OBJECT || shape == ReadPlanner.Shape.OBJECT_STRIPPED;
        }

        /** A singular response of any other number of rows is PGRST116 (a write or call then rolls back). */
        void requireOne(long rows) {
            if (singular() && rows != 1) {
                throw ApiError.of(406, "PGRST116", "Cannot coerce the result to a single JSON object",
                        "The result contains " + rows + " rows", null);
            }
        }
    }

    private record Range(String type, List<String> params, double q, int position) {
    }

    private Negotiation() {
    }

    /** The first acceptable media type by q-value (then order); none → PGRST107. No {@code Accept} is any. */
    static Media negotiate(ServerRequestHeaders headers) {
        String accept = headers.first(HeaderNames.ACCEPT).orElse("");
        List<Range> ranges = parse(accept);
        if (ranges.isEmpty()) {
            return new Media(ReadPlanner.Shape.ARRAY, Responses.JSON);
        }
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingDouble(Range::q).reversed().thenComparingInt(Range::position));
        for (Range r : sorted) {
            if (r.q() <= 0) {
                continue;
            }
            Media m = produce(r);
            if (m != null) {
                return m;
            }
        }
        throw ApiError.of(406, "PGRST107", "None of these media types are available: "
                + String.join(", ", ranges.stream().map(Range::type).toList()), null, null);
    }

    private static Media produce(Range r) {
        boolean stripped = r.params().contains("nulls=stripped");
        return switch (r.type()) {
            case "*/*", "application/json" -> new Media(ReadPlanner.Shape.ARRAY, Responses.JSON);
            case "application/vnd.pgrst.array+json" -> stripped
                    ? new Media(ReadPlanner.Shape.ARRAY_STRIPPED, ARRAY_STRIPPED)
                    : new Media(ReadPlanner.Shape.ARRAY, Responses.JSON);
            case "application/vnd.pgrst.object+json", "application/vnd.pgrst.object" -> stripped
                    ? new Media(ReadPlanner.Shape.OBJECT_STRIPPED, OBJECT_STRIPPED)
                    : new Media(ReadPlanner.Shape.OBJECT, OBJECT);
            case "text/csv" -> new Media(ReadPlanner.Shape.CSV, CSV);
            default -> null;
        };
    }

    private static List<Range> parse(String accept) {
        var out = new ArrayList<Range>();
        int position = 0;
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            var params = new ArrayList<String>();
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip().replace(" ", "");
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

    private static double quality(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }
}
