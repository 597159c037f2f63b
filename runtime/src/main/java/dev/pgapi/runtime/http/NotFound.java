package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.Names;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** PostgREST's 404s for names that are not in the generated API, with its "Perhaps you meant" hints. */
final class NotFound {

    private static final double SIMILAR = 0.75;

    private final List<RelationInfo> relations;
    private final List<FunctionInfo> functions;

    NotFound(List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        this.relations = List.copyOf(relations);
        this.functions = functions.stream().map(List::getFirst).toList();
    }

    /** Explains an unmatched path: {@code /rpc/<fn>}, {@code /<table>}, or anything deeper. */
    void answer(ServerRequest req, ServerResponse res, String schema, Responses responses) {
        String[] segments = req.path().rawPath().substring(1).split("/", -1);
        if (segments.length == 1 && !segments[0].isEmpty()) {
            relation(decode(segments[0]), res, schema, responses);
        } else if (segments.length == 2 && segments[0].equals("rpc") && !segments[1].isEmpty()) {
            function(decode(segments[1]), res, schema, responses);
        } else {
            responses.error(res, invalidPath());
        }
    }

    private void relation(String name, ServerResponse res, String schema, Responses responses) {
        String closest = Names.closest(
                        name,
                        relations.stream()
                                .filter(r -> r.schema().equals(schema))
                                .map(RelationInfo::name)
                                .toList(),
                        SIMILAR)
                .orElse(null);
        responses.error(res, ApiErrors.tableNotFound(schema, name, closest));
    }

    private void function(String name, ServerResponse res, String schema, Responses responses) {
        String closest = Names.closest(
                        name,
                        functions.stream()
                                .filter(f -> f.schema().equals(schema))
                                .map(FunctionInfo::name)
                                .distinct()
                                .toList(),
                        SIMILAR)
                .map(match -> schema + "." + match)
                .orElse(null);
        responses.error(res, ApiErrors.noFunction(schema + "." + name, List.of(), closest));
    }

    static ApiError invalidPath() {
        return ApiErrors.invalidPath();
    }

    /** Percent-decodes a path segment ({@code +} stays a plus in paths). */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
