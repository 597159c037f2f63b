package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.config.QualifiedName;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.db.RequestSettings;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.PgErrors;
import dev.pgapi.runtime.query.CallPlanner;
import dev.pgapi.runtime.query.Grammar;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadPlanner;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.ReadQueryParser;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What generated services call: it owns the pool and the token verifier and turns a request on a generated
 * descriptor into one database round trip and a PostgREST-shaped response.
 */
public final class ApiRuntime implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> READ_PARAMS = Set.of("select", "order", "limit", "offset", "and", "or",
            "not.and", "not.or", "columns");

    private final RuntimeConfig config;
    private final Database database;
    private final JwtAuthenticator authenticator;
    private final Profiles profiles;
    private final Responses responses;
    private final Sql preRequest;
    private final String extraSearchPath;

    private ApiRuntime(RuntimeConfig config, Database database, JwtAuthenticator authenticator) {
        this.config = config;
        this.database = database;
        this.authenticator = authenticator;
        this.profiles = new Profiles(config.dbSchemas());
        this.responses = new Responses(config.clientErrorVerbosity() == RuntimeConfig.ErrorVerbosity.MINIMAL);
        this.preRequest = config.dbPreRequest() == null ? null
                : new Sql().append("SELECT ").append(qualified(config.dbPreRequest())).append("()");
        this.extraSearchPath = config.dbExtraSearchPath().stream().map(Sql::quoteIdent)
                .collect(Collectors.joining(", "));
    }

    /** Connects the pool and prepares the token verifier; throws with a clear message on bad configuration. */
    public static ApiRuntime create(RuntimeConfig config) {
        var jdbc = config.jdbc();
        var database = Database.open(jdbc.url(), jdbc.user(), jdbc.password(), config.dbPool(),
                Duration.ofSeconds(config.dbPoolAcquisitionTimeout()), Duration.ofSeconds(config.dbPoolMaxLifetime()),
                Duration.ofSeconds(config.dbPoolMaxIdletime()));
        return new ApiRuntime(config, database, JwtAuthenticator.create(config));
    }

    public RuntimeConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** The filter that authenticates every request and picks its schema; install it before the services. */
    public Filter filter() {
        return new ApiFilter(authenticator, profiles, responses);
    }

    /**
     * Answers what no generated service matched: unknown functions (PGRST202), unknown tables (PGRST205), deeper
     * paths (PGRST125). Register after the services.
     */
    public void fallbacks(HttpRouting.Builder routing, List<RelationInfo> relations,
                          List<List<FunctionInfo>> functions) {
        var notFound = new NotFound(relations, functions);
        routing.any("/rpc/{name}", (req, res) -> notFound.function(req, res, scope(req).schema(), responses));
        routing.any("/{name}", (req, res) -> notFound.relation(req, res, scope(req).schema(), responses));
        routing.any((req, res) -> responses.error(res, NotFound.invalidPath()));
    }

    /** Whether a service for {@code schema} should answer; otherwise it passes the request on with {@code next()}. */
    public boolean serves(ServerRequest req, String schema) {
        return scope(req).schema().equals(schema);
    }

    /** {@code GET}/{@code HEAD /<relation>}. */
    public void read(RelationInfo relation, ServerRequest req, ServerResponse res) {
        RequestScope scope = scope(req);
        try {
            ReadQuery query = ReadQueryParser.parse(QueryString.parse(req.query().rawValue()));
            boolean head = req.prologue().method() == Method.HEAD;
            Sql main = ReadPlanner.plan(relation, query, config.dbMaxRows() == null ? null : config.dbMaxRows().longValue(),
                    head ? ReadPlanner.Shape.NONE : ReadPlanner.Shape.ARRAY);
            QueryResult result = database.execute(settings(req, scope, relation.schema(), true), preRequest, main);
            send(req, res, result, 200, contentRange(query.offset(), result.pageTotal()), head);
        } catch (ApiError e) {
            responses.error(res, e);
        } catch (SQLException e) {
            responses.error(res, PgErrors.fromSql(e, scope.auth().authenticated()));
        }
    }

    /** {@code GET}/{@code HEAD}/{@code POST /rpc/<fn>} over the overloads of one function name. */
    public void call(List<FunctionInfo> overloads, ServerRequest req, ServerResponse res) {
        RequestScope scope = scope(req);
        try {
            Method method = req.prologue().method();
            ObjectNode args = method == Method.POST ? bodyArguments(req) : queryArguments(req);
            Set<String> names = new LinkedHashSet<>();
            args.fieldNames().forEachRemaining(names::add);
            FunctionInfo f = CallPlanner.resolve(overloads, names);
            boolean head = method == Method.HEAD;
            boolean readOnly = method != Method.POST || f.volatility() != FunctionInfo.Volatility.VOLATILE;
            Sql main = CallPlanner.plan(f, args.toString(), names, head);
            QueryResult result = database.execute(settings(req, scope, f.schema(), readOnly), preRequest, main);
            if (f.returns() == FunctionInfo.ReturnShape.VOID) {
                sendEmpty(res, result, 204);
            } else {
                send(req, res, result, 200, contentRange(0, result.pageTotal()), head);
            }
        } catch (ApiError e) {
            responses.error(res, e);
        } catch (SQLException e) {
            responses.error(res, PgErrors.fromSql(e, scope.auth().authenticated()));
        }
    }

    /** Methods a resource does not support yet or at all: PGRST117. */
    public void unsupported(ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        responses.error(res, ApiError.of(405, "PGRST117", "Unsupported HTTP method: " + method, null, null));
    }

    /** Methods other than GET, HEAD and POST on {@code /rpc/<fn>}: PGRST101. */
    public void unsupportedOnRpc(ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        responses.error(res, ApiError.of(405, "PGRST101", "Cannot use the " + method + " method on RPC", null,
                null));
    }

    private ObjectNode bodyArguments(ServerRequest req) {
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        if (body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.of(400, "PGRST102", "Empty or invalid json", null, null);
        }
        if (json.isArray()) {
            // PostgREST calls the function with the first object of an array body
            json = json.isEmpty() ? MAPPER.createObjectNode() : json.get(0);
        }
        if (!(json instanceof ObjectNode object)) {
            throw ApiError.of(400, "PGRST102", "Empty or invalid json", null, null);
        }
        rejectReadParams(req);
        return object;
    }

    private ObjectNode queryArguments(ServerRequest req) {
        ObjectNode args = MAPPER.createObjectNode();
        for (QueryString.Param p : QueryString.parse(req.query().rawValue())) {
            if (READ_PARAMS.contains(p.key()) || isFilter(p)) {
                throw filtersOnResultsNotImplemented();
            }
            JsonNode previous = args.get(p.key());
            if (previous == null) {
                args.put(p.key(), p.value());
            } else if (previous.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) previous).add(p.value());
            } else {
                // repeated parameters pass an array, e.g. to a VARIADIC argument
                args.putArray(p.key()).add(previous.asText()).add(p.value());
            }
        }
        return args;
    }

    private static void rejectReadParams(ServerRequest req) {
        for (QueryString.Param p : QueryString.parse(req.query().rawValue())) {
            if (READ_PARAMS.contains(p.key()) || isFilter(p)) {
                throw filtersOnResultsNotImplemented();
            }
            throw ApiError.of(400, "PGRST100", "\"failed to parse filter (" + p.value() + ")\" (line 1, column 1)",
                    "unexpected \"" + (p.value().isEmpty() ? "" : p.value().substring(0, 1))
                            + "\" expecting \"not\" or operator (eq, gt, ...)", null);
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

    private static ApiError filtersOnResultsNotImplemented() {
        return ApiError.of(400, "PGRST127", "Feature not implemented",
                "select, filters, order and paging on function results", null);
    }

    private RequestSettings settings(ServerRequest req, RequestScope scope, String schema, boolean readOnly) {
        String searchPath = extraSearchPath.isEmpty()
                ? Sql.quoteIdent(schema)
                : Sql.quoteIdent(schema) + ", " + extraSearchPath;
        return new RequestSettings(
                searchPath,
                scope.auth().role(),
                scope.auth().claimsJson(),
                config.dbClaimGucs(),
                req.prologue().method().text(),
                req.path().rawPath(),
                RequestJson.headers(req.headers()),
                RequestJson.cookies(req.headers()),
                config.appSettings(),
                readOnly);
    }

    private void send(ServerRequest req, ServerResponse res, QueryResult result, int defaultStatus,
                      String contentRange, boolean head) {
        ResponseGucs gucs = ResponseGucs.of(result);
        res.status(Responses.status(gucs.status() == null ? defaultStatus : gucs.status(), null));
        res.header(HeaderNames.CONTENT_TYPE, Responses.JSON);
        res.header("Content-Range", contentRange);
        if (profiles.announce(req.headers())) {
            res.header("Content-Profile", scope(req).schema());
        }
        applyHeaders(res, gucs);
        if (head) {
            res.send();
        } else {
            res.send(result.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void sendEmpty(ServerResponse res, QueryResult result, int defaultStatus) {
        ResponseGucs gucs = ResponseGucs.of(result);
        res.status(Responses.status(gucs.status() == null ? defaultStatus : gucs.status(), null));
        applyHeaders(res, gucs);
        res.send();
    }

    private static void applyHeaders(ServerResponse res, ResponseGucs gucs) {
        // headers set by SQL replace ours of the same name; repeated names are all sent
        var seen = new java.util.HashSet<String>();
        for (Map.Entry<String, String> h : gucs.headers()) {
            var name = HeaderNames.create(h.getKey());
            if (seen.add(name.lowerCase())) {
                res.headers().remove(name);
            }
            res.headers().add(name, h.getValue());
        }
    }

    static String contentRange(long offset, long rows) {
        return rows == 0 ? "*/*" : offset + "-" + (offset + rows - 1) + "/*";
    }

    private static RequestScope scope(ServerRequest req) {
        return req.context().get(RequestScope.class)
                .orElseThrow(() -> new IllegalStateException("the pgapi filter is not installed"));
    }

    /** {@code schema.fn} or {@code fn} from the configuration, quoted. */
    private static String qualified(QualifiedName name) {
        return name.schema() == null ? Sql.quoteIdent(name.name())
                : Sql.quoteIdent(name.schema()) + "." + Sql.quoteIdent(name.name());
    }

    @Override
    public void close() {
        database.close();
    }
}
