package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.CallPlanner;
import dev.pgapi.runtime.query.Grammar;
import dev.pgapi.runtime.query.InputSyntax;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.render.CallRenderer;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code GET}/{@code HEAD}/{@code POST /rpc/<fn>} over the overloads of one function name. */
final class CallHandler {

    /** Parameters that shape the result rather than pass arguments (besides filters). */
    private static final Set<String> READ_PARAMS =
            Set.of("select", "order", "limit", "offset", "and", "or", "not.and", "not.or", "columns");

    private final RequestRunner runner;

    CallHandler(RequestRunner runner) {
        this.runner = runner;
    }

    /** {@code relations}: the targets a result of a table's rows may embed. */
    void call(List<FunctionInfo> overloads, RelationLookup relations, ServerRequest req, ServerResponse res) {
        runner.handle(req, scope -> {
            Method method = req.prologue().method();
            boolean post = method == Method.POST;
            Preferences prefs = Preferences.of(req);
            var readParams = new ArrayList<QueryString.Param>();
            var queryArgs = new ArrayList<QueryString.Param>();
            String columns = null;
            for (QueryString.Param p : QueryString.parse(req.query().rawValue())) {
                if (p.key().equals("columns")) {
                    columns = p.value();
                } else if (READ_PARAMS.contains(p.key()) || isFilter(p)) {
                    // GET parameters with an operator are filters on the result, the others arguments (§5.4)
                    readParams.add(p);
                } else if (post) {
                    // POST takes its arguments from the body: PostgREST reports this as a filter that failed to parse
                    Grammar.filter(Grammar.filterField(p.key()), p.value());
                } else {
                    queryArgs.add(p);
                }
            }
            ReadQuery query = runner.parseRead(readParams);

            RequestBody body = post ? runner.body(req) : null;
            ObjectNode args = post ? bodyArguments(body, columns, overloads) : queryArguments(queryArgs, overloads);
            Set<String> names = new LinkedHashSet<>();
            args.fieldNames().forEachRemaining(names::add);
            FunctionInfo f = CallPlanner.resolve(overloads, names, post ? body.mediaType() : null);
            CallPlanner.Arguments arguments;
            if (f.bodyParameter() != null) {
                arguments = new CallPlanner.Arguments(
                        null,
                        Set.of(),
                        f.bodyParameter().sqlType().equals("bytea")
                                ? "\\x" + HexFormat.of().formatHex(body.bytes())
                                : body.text());
            } else {
                checkTypes(f, args);
                arguments = new CallPlanner.Arguments(args.toString(), names, null);
            }

            boolean head = method == Method.HEAD;
            boolean setof = f.returns() == FunctionInfo.ReturnShape.SETOF_COMPOSITE
                    || f.returns() == FunctionInfo.ReturnShape.SETOF_SCALAR;
            Long maxAffected = prefs.strictMaxAffected();
            if (maxAffected != null && !setof) {
                throw ApiErrors.maxAffectedNotSetof();
            }
            Negotiation.Media media = Negotiation.negotiate(
                    req.headers(),
                    runner.config().dbPlanEnabled(),
                    new Negotiation.Handlers(f.mediaHandlers(), ReadHandler.defaultSelect(query)));
            boolean singular = media.singular() && f.returns() != FunctionInfo.ReturnShape.VOID;
            boolean count = prefs.count() == Preferences.Count.EXACT;
            scope.parsed();
            Integer maxRows = runner.config().dbMaxRows();
            Sql main = CallRenderer.render(CallPlanner.plan(
                    f,
                    arguments,
                    new CallPlanner.Output(
                            query,
                            maxRows == null ? null : maxRows.longValue(),
                            head ? Shape.NONE : media.shape(),
                            count,
                            head ? null : media.handler()),
                    relations));
            // PostgREST runs GET calls and calls of STABLE/IMMUTABLE functions read-only
            boolean readOnly = !post || f.volatility() != FunctionInfo.Volatility.VOLATILE;
            if (media.plan() != null) {
                media.plan()
                        .send(
                                runner,
                                req,
                                res,
                                runner.call(
                                        req,
                                        scope,
                                        f,
                                        readOnly,
                                        media.plan().explain(main),
                                        runner.transactionEnd(prefs),
                                        null),
                                head);
                return;
            }
            Database.Check check = null;
            if (singular || maxAffected != null) {
                check = result -> {
                    if (singular) {
                        media.requireOne(result.pageTotal());
                    }
                    if (maxAffected != null && result.pageTotal() > maxAffected) {
                        throw ApiErrors.maxAffected(result.pageTotal());
                    }
                };
            }
            QueryResult result = runner.call(req, scope, f, readOnly, main, runner.transactionEnd(prefs), check);
            respond(req, res, f, prefs, query, result, head, media);
        });
    }

    private void respond(
            ServerRequest req,
            ServerResponse res,
            FunctionInfo f,
            Preferences prefs,
            ReadQuery query,
            QueryResult result,
            boolean head,
            Negotiation.Media media) {
        var headers = new LinkedHashMap<String, String>();
        String applied = prefs.applied(Operation.CALL, runner.txOverridable());
        if (!applied.isEmpty()) {
            headers.put("Preference-Applied", applied);
        }
        if (f.returns() == FunctionInfo.ReturnShape.VOID) {
            runner.send(req, res, result, 204, null, headers.entrySet(), head);
            return;
        }
        long rows = result.pageTotal();
        long offset = f.returns() == FunctionInfo.ReturnShape.SETOF_SCALAR
                        || f.returns() == FunctionInfo.ReturnShape.SETOF_COMPOSITE
                ? query.offset()
                : 0;
        int status = 200;
        String total = "*";
        if (prefs.count() == Preferences.Count.EXACT) {
            long n = Long.parseLong(result.extra(CallRenderer.TOTAL));
            total = Long.toString(n);
            if (offset > n) {
                throw ApiErrors.offsetBeyondTotal(offset, n);
            }
            if (rows < n) {
                status = 206;
            }
        }
        headers.put("Content-Range", rows == 0 ? "*/" + total : offset + "-" + (offset + rows - 1) + "/" + total);
        // HEAD: the headers of the GET without its body
        runner.send(req, res, result, status, media.contentType(), headers.entrySet(), head);
    }

    /** The arguments in the body: a JSON object (of an array, the first), a form, or none for other media types. */
    private static ObjectNode bodyArguments(RequestBody body, String columns, List<FunctionInfo> overloads) {
        ObjectNode args = BodyJson.MAPPER.createObjectNode();
        switch (body.mediaType()) {
            case RequestBody.JSON -> {
                if (!body.isEmpty()) {
                    if (parseJson(body, overloads) instanceof ObjectNode object) {
                        args = object;
                    }
                }
            }
            case RequestBody.FORM -> args = queryArguments(QueryString.parse(body.text()), overloads);
            case "text/plain", "text/xml", "application/octet-stream" -> {
                // only a function with one unnamed parameter of the matching type takes these
            }
            default -> throw RequestBody.contentTypeNotAcceptable(body.mediaType());
        }
        if (columns == null) {
            return args;
        }
        // ?columns= names the arguments; other keys of the body are ignored
        ObjectNode picked = BodyJson.MAPPER.createObjectNode();
        for (String name : columns.split(",")) {
            String key = name.strip();
            picked.set(key, args.has(key) ? args.get(key) : BodyJson.MAPPER.nullNode());
        }
        return picked;
    }

    /**
     * The JSON body, or the first element of an array body (PostgREST calls the function with it; the other elements
     * are only checked). Read as a stream: an object's nested objects and arrays are kept as their text (see
     * {@link #object}), so a large argument costs its size, not a tree. Invalid JSON is PGRST102 unless a function
     * takes the whole body (PostgreSQL then decides).
     */
    private static JsonNode parseJson(RequestBody body, List<FunctionInfo> overloads) {
        String text = body.text();
        try (JsonParser p = BodyJson.FACTORY.createParser(text)) {
            JsonToken root = p.nextToken();
            if (root == null) {
                throw new JsonParseException(p, "empty body");
            }
            JsonNode json;
            if (root == JsonToken.START_ARRAY) {
                JsonToken first = p.nextToken();
                json = first == JsonToken.END_ARRAY ? BodyJson.MAPPER.createObjectNode() : object(p, text);
                if (first != JsonToken.END_ARRAY) {
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == null) {
                            throw new JsonParseException(p, "unterminated array");
                        }
                        p.skipChildren();
                    }
                }
            } else {
                json = object(p, text);
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content");
            }
            return json;
        } catch (java.io.IOException e) {
            if (overloads.stream().anyMatch(f -> f.bodyParameter() != null)) {
                return BodyJson.MAPPER.createObjectNode();
            }
            throw Payload.invalidJson();
        }
    }

    /**
     * The object at the parser as arguments: scalars as nodes (their types are checked), nested objects and arrays
     * as their raw text, passed on to PostgreSQL as sent. Any other value is no arguments.
     */
    private static JsonNode object(JsonParser p, String text) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return MissingNode.getInstance();
        }
        ObjectNode args = BodyJson.MAPPER.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken().isStructStart()) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                args.putRawValue(name, new RawValue(text.substring(start, (int)
                        p.currentLocation().getCharOffset())));
            } else {
                args.set(name, BodyJson.MAPPER.readTree(p));
            }
        }
        return args;
    }

    private static ObjectNode queryArguments(List<QueryString.Param> params, List<FunctionInfo> overloads) {
        Set<String> variadic = new LinkedHashSet<>();
        overloads.forEach(f -> f.params().stream().filter(ParamInfo::variadic).forEach(p -> variadic.add(p.name())));
        ObjectNode args = BodyJson.MAPPER.createObjectNode();
        for (QueryString.Param p : params) {
            JsonNode previous = args.get(p.key());
            if (variadic.contains(p.key())) {
                // repeated parameters pass an array to a VARIADIC argument; a single one an array of one
                (previous instanceof ArrayNode array ? array : args.putArray(p.key())).add(p.value());
            } else if (previous == null) {
                args.put(p.key(), p.value());
            } else if (previous instanceof ArrayNode array) {
                array.add(p.value());
            } else {
                args.putArray(p.key()).add(previous.asText()).add(p.value());
            }
        }
        return args;
    }

    /** Values that cannot have their parameter's type are PostgreSQL's error, answered without a round trip. */
    private static void checkTypes(FunctionInfo f, ObjectNode args) {
        for (ParamInfo p : f.params()) {
            JsonNode value = args.get(p.name());
            if (value != null && (value.isTextual() || value.isIntegralNumber())) {
                InputSyntax.check(p.kind(), value.asText());
            }
        }
    }

    private static boolean isFilter(QueryString.Param p) {
        try {
            Grammar.filter(Grammar.filterField(p.key()), p.value());
            return true;
        } catch (ApiError e) {
            return false;
        }
    }
}
