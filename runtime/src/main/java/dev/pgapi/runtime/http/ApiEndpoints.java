package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadPlanner;
import dev.pgapi.runtime.query.ReadQueryParser;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.render.ReadRenderer;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The request entry points of one generated API, what its routes call: built once by
 * {@link ApiRuntime#endpoints} from the relations and functions the generated routing hands over, which are also the
 * targets embedding may reach. Each route answers only for its descriptor's schema (checked in one place,
 * {@link #route}); a request for another schema (a relation of the same name in another exposed schema, chosen with
 * {@code Accept-Profile}/{@code Content-Profile}) is passed on with {@code next()}. The work itself is done by the
 * handlers of the configuration {@link Generation} the API filter chose for the request.
 */
public final class ApiEndpoints {

    private final ApiRuntime runtime;
    private final RelationLookup relations;
    private final NotFound notFound;
    private final RootHandler root;

    ApiEndpoints(ApiRuntime runtime, List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        this.runtime = runtime;
        this.relations = RelationLookup.of(relations);
        this.notFound = new NotFound(relations, functions);
        this.root = new RootHandler(relations, functions);
        warmUp(relations, this.relations);
    }

    /**
     * Takes one read of the first relation through parse, plan and render on another thread while the server starts:
     * the first request would otherwise pay for their classes' initialization and first runs, about 35 ms of its
     * parse and plan times (Server-Timing) even with the trained startup cache. Pure functions: nothing is sent to
     * the database and nothing is recorded.
     */
    private static void warmUp(List<RelationInfo> relations, RelationLookup lookup) {
        if (relations.isEmpty() || relations.getFirst().columns().isEmpty()) {
            return;
        }
        RelationInfo relation = relations.getFirst();
        String column = URLEncoder.encode(relation.columns().getFirst().name(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name("pgapi-request-path-warm-up").start(() -> {
            try {
                var query = ReadQueryParser.parse(QueryString.parse(
                        "select=*&" + column + "=not.is.null&order=" + column + ".desc&limit=1&offset=1"));
                ReadRenderer.statement(
                        ReadPlanner.plan(relation, query, lookup, new ReadPlanner.Options(null, Shape.ARRAY, false)));
            } catch (RuntimeException e) {
                // best effort: a relation this read does not suit only leaves the first request colder
            }
        });
    }

    /** The route handlers of a generated relation service. */
    public RelationHandlers handlers(RelationInfo relation) {
        return new RelationHandlers(this, relation);
    }

    /** The route handlers of a generated function service ({@code /rpc/<fn>}). */
    public FunctionHandlers handlers(List<FunctionInfo> overloads) {
        return new FunctionHandlers(this, overloads);
    }

    /**
     * What the routes do not answer themselves. The errors they raise: an {@link ApiError} (a database error arrives
     * mapped to one) is answered in PostgREST's shape by Helidon's error handling, before the filters see the
     * response. What no route matched, PostgREST's way: unknown functions (PGRST202), unknown tables (PGRST205), deeper
     * paths (PGRST125); it handles Helidon's "not found" rather than adding catch-all routes, so that routes the user
     * registers anywhere in the same routing keep working. And the API description at {@code /}.
     */
    public void fallbacks(HttpRouting.Builder routing) {
        routing.error(ApiError.class, this::answer);
        routing.get("/", (req, res) -> root.handle(req, res, runtime.generation(req)));
        routing.head("/", (req, res) -> root.handle(req, res, runtime.generation(req)));
        routing.error(NotFoundException.class, (req, res, e) -> {
            var scope = req.context().get(RequestScope.class);
            Responses responses = runtime.generation(req).responses();
            if (scope.isEmpty()) {
                // the API filter did not run (a path outside it): still PostgREST's JSON, never an empty body
                responses.error(res, NotFound.invalidPath());
                return;
            }
            notFound.answer(req, res, scope.get().schema(), responses);
        });
    }

    /** An error a route raised, with {@code Server-Timing} when the API filter started the timing. */
    private void answer(ServerRequest req, ServerResponse res, ApiError error) {
        Generation generation = runtime.generation(req);
        var scope = req.context().get(RequestScope.class);
        if (scope.isPresent()) {
            generation.runner().error(res, scope.get(), error);
        } else {
            generation.responses().error(res, error);
        }
    }

    /** The generated relations, by schema and name: the targets embedding may reach. */
    RelationLookup relations() {
        return relations;
    }

    /** The work of one route, given the generation the API filter chose for the request. */
    @FunctionalInterface
    interface Entry {
        void serve(Generation generation, ServerRequest req, ServerResponse res);
    }

    /** A route's handler: {@code entry} for requests addressed to {@code schema}, {@code next()} for the others. */
    Handler route(String schema, Entry entry) {
        return (req, res) -> {
            if (RequestRunner.scope(req).schema().equals(schema)) {
                entry.serve(runtime.generation(req), req, res);
            } else {
                res.next();
            }
        };
    }

    /** {@code OPTIONS}: the methods {@code allow} lists, answered without the database. */
    static void answerOptions(ServerResponse res, String allow) {
        res.header("Allow", allow);
        res.header("Access-Control-Allow-Origin", "*");
        res.header("Vary", ReadHandler.VARY);
        res.status(Status.OK_200);
        res.send();
    }
}
