package dev.pgapi.runtime.http;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /}: the OpenAPI description of the negotiated schema. Built from the generated descriptors, so it needs
 * no database: it lists every exposed endpoint, whatever the role may use ({@code openapi-mode} other than
 * {@code disabled} behaves like {@code ignore-privileges}).
 */
final class RootHandler {

    private static final String CONTENT_TYPE = "application/openapi+json; charset=utf-8";

    private final List<RelationInfo> relations;
    private final List<List<FunctionInfo>> functions;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    RootHandler(List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        this.relations = List.copyOf(relations);
        this.functions = List.copyOf(functions);
    }

    void handle(ServerRequest req, ServerResponse res, Generation generation) {
        Responses responses = generation.responses();
        if (generation.config().openapiMode() == RuntimeConfig.OpenApiMode.DISABLED) {
            responses.error(res, ApiErrors.rootDisabled());
            return;
        }
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("*/*");
        if (!acceptable(accept)) {
            responses.error(res, ApiErrors.mediaTypes(accept));
            return;
        }
        String schema = RequestRunner.scope(req).schema();
        byte[] body = documents.computeIfAbsent(
                schema, s -> OpenApiDocument.render(s, relations, functions).getBytes(StandardCharsets.UTF_8));
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.header("Vary", ReadHandler.VARY);
        if (req.prologue().method() == Method.HEAD) {
            res.send();
        } else {
            res.send(body);
        }
    }

    private static boolean acceptable(String accept) {
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("*/*")
                    || type.equals("application/*")
                    || type.equals("application/json")
                    || type.equals("application/openapi+json")) {
                return true;
            }
        }
        return false;
    }
}
