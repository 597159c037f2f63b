package dev.pgapi.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.WritePlanner;
import dev.pgapi.runtime.query.plan.WritePlan;
import dev.pgapi.runtime.query.render.WriteRenderer;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE} on a relation, as PostgREST answers them. */
final class WriteHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RequestRunner runner;

    /** Each write takes {@code relations}, the embedding targets of its representation. */
    WriteHandler(RequestRunner runner) {
        this.runner = runner;
    }

    /** {@code POST /<relation>}: insert, or upsert with {@code Prefer: resolution=...}. */
    void insert(RelationInfo relation, RelationLookup relations, ServerRequest req, ServerResponse res) {
        runner.handle(req, scope -> {
            Preferences prefs = Preferences.of(req);
            List<QueryString.Param> params = QueryString.parse(req.query().rawValue());
            ReadQuery query = runner.parseRead(params);
            List<ColumnInfo> columnsParam = WritePlanner.columnList(relation, params, "columns");
            List<ColumnInfo> onConflictParam = WritePlanner.columnList(relation, params, "on_conflict");
            Payload payload = Payload.of(runner.body(req), columnsParam == null);

            List<ColumnInfo> columns =
                    columnsParam != null ? columnsParam : WritePlanner.columns(relation, payload.keys());
            var rows = new WritePlan.Rows(columns, payload.json(), prefs.missing() == Preferences.Missing.DEFAULT);
            List<ColumnInfo> target = onConflictParam != null ? onConflictParam : WritePlanner.primaryKey(relation);
            Operation operation = Operation.insert(prefs.resolution(), !target.isEmpty());
            WritePlan.InsertMode mode = switch (operation) {
                case UPSERT_MERGE -> new WritePlan.InsertMode.Merge(target);
                case UPSERT_IGNORE -> new WritePlan.InsertMode.Ignore(target);
                default -> new WritePlan.InsertMode.Plain();
            };
            Negotiation.Media media = negotiate(req, relation, query);
            scope.parsed();
            WritePlanner.Output output = output(prefs, query, media, relations);
            Sql main = WriteRenderer.render(WritePlanner.insert(relation, rows, mode, output));
            if (explained(req, res, scope, relation, prefs, media, main)) {
                return;
            }
            QueryResult result = runner.execute(
                    req,
                    scope,
                    relation.schema(),
                    false,
                    main,
                    runner.transactionEnd(prefs),
                    rowChecks(prefs, media, operation));

            int status = 201;
            if (operation == Operation.UPSERT_MERGE
                    && payload.size() > 0
                    && count(result, WriteRenderer.EXISTING) == payload.size()) {
                // every row was an update
                status = 200;
            }
            var headers = new LinkedHashMap<String, String>();
            if (output.returning() == WritePlan.Returning.HEADERS_ONLY && result.pageTotal() == 1) {
                String location = location(relation, result.extra(WriteRenderer.LOCATION));
                if (location != null) {
                    headers.put("Location", location);
                }
            }
            headers.put("Content-Range", "*/" + total(prefs, result));
            applied(headers, prefs, operation);
            runner.send(req, res, result, status, contentType(output, media), headers.entrySet(), false);
        });
    }

    /** {@code PUT /<relation>?pk=eq.v}: insert or replace the one row the URL names. */
    void put(RelationInfo relation, RelationLookup relations, ServerRequest req, ServerResponse res) {
        runner.handle(req, scope -> {
            Preferences prefs = Preferences.of(req);
            List<QueryString.Param> params = QueryString.parse(req.query().rawValue());
            for (QueryString.Param p : params) {
                if (p.key().equals("limit") || p.key().equals("offset")) {
                    throw ApiErrors.putLimit();
                }
            }
            ReadQuery query = runner.parseRead(params);
            List<WritePlan.KeyValue> key = WritePlanner.putKey(relation, query.where());
            List<ColumnInfo> columnsParam = WritePlanner.columnList(relation, params, "columns");
            Payload payload = Payload.of(runner.body(req), columnsParam == null);
            // PostgREST writes the first row of an array body
            List<ColumnInfo> columns =
                    columnsParam != null ? columnsParam : WritePlanner.columns(relation, payload.keys());
            var put =
                    new WritePlan.Rows(columns, payload.firstRowJson(), prefs.missing() == Preferences.Missing.DEFAULT);
            var mode = new WritePlan.InsertMode.Put(WritePlanner.primaryKey(relation), key);
            // PUT writes one row by construction: no singular check
            Negotiation.Media media = negotiate(req, relation, query);
            scope.parsed();
            WritePlanner.Output output = output(prefs, query, media, relations);
            Sql main = WriteRenderer.render(WritePlanner.insert(relation, put, mode, output));
            if (explained(req, res, scope, relation, prefs, media, main)) {
                return;
            }
            QueryResult result =
                    runner.execute(req, scope, relation.schema(), false, main, runner.transactionEnd(prefs), r -> {
                        if (count(r, WriteRenderer.KEY_MISMATCH) > 0) {
                            throw ApiErrors.putKeyMismatch();
                        }
                    });
            int status = 204;
            if (output.returning() == WritePlan.Returning.REPRESENTATION) {
                status = count(result, WriteRenderer.EXISTING) > 0 ? 200 : 201;
            }
            var headers = new LinkedHashMap<String, String>();
            applied(headers, prefs, Operation.PUT);
            runner.send(req, res, result, status, contentType(output, media), headers.entrySet(), false);
        });
    }

    /** {@code PATCH /<relation>?filters}. */
    void update(RelationInfo relation, RelationLookup relations, ServerRequest req, ServerResponse res) {
        runner.handle(req, scope -> {
            Preferences prefs = Preferences.of(req);
            List<QueryString.Param> params = QueryString.parse(req.query().rawValue());
            ReadQuery query = runner.parseRead(params);
            List<ColumnInfo> columnsParam = WritePlanner.columnList(relation, params, "columns");
            Payload payload = Payload.of(runner.body(req), columnsParam == null);
            Set<String> present = payload.keys();
            List<ColumnInfo> set;
            List<ColumnInfo> toDefault = List.of();
            if (columnsParam == null) {
                set = WritePlanner.columns(relation, payload.keys());
            } else if (prefs.missing() == Preferences.Missing.DEFAULT) {
                set = columnsParam.stream()
                        .filter(c -> present.contains(c.name()))
                        .toList();
                toDefault = columnsParam.stream()
                        .filter(c -> !present.contains(c.name()))
                        .toList();
            } else {
                set = columnsParam;
            }
            Negotiation.Media media = negotiate(req, relation, query);
            scope.parsed();
            WritePlanner.Output output = output(prefs, query, media, relations);
            Sql main = WriteRenderer.render(
                    WritePlanner.update(relation, set, toDefault, payload.json(), query.where(), output));
            if (explained(req, res, scope, relation, prefs, media, main)) {
                return;
            }
            QueryResult result = runner.execute(
                    req,
                    scope,
                    relation.schema(),
                    false,
                    main,
                    runner.transactionEnd(prefs),
                    rowChecks(prefs, media, Operation.PATCH));
            var headers = new LinkedHashMap<String, String>();
            long n = result.pageTotal();
            String total = prefs.count() == Preferences.Count.EXACT ? Long.toString(n) : "*";
            headers.put("Content-Range", n == 0 ? "*/" + total : "0-" + (n - 1) + "/" + total);
            applied(headers, prefs, Operation.PATCH);
            boolean representation = output.returning() == WritePlan.Returning.REPRESENTATION;
            runner.send(
                    req,
                    res,
                    result,
                    representation ? 200 : 204,
                    contentType(output, media),
                    headers.entrySet(),
                    false);
        });
    }

    /** {@code DELETE /<relation>?filters}; a body is ignored. */
    void delete(RelationInfo relation, RelationLookup relations, ServerRequest req, ServerResponse res) {
        runner.handle(req, scope -> {
            Preferences prefs = Preferences.of(req);
            ReadQuery query = runner.parseRead(QueryString.parse(req.query().rawValue()));
            Negotiation.Media media = negotiate(req, relation, query);
            scope.parsed();
            WritePlanner.Output output = output(prefs, query, media, relations);
            Sql main = WriteRenderer.render(WritePlanner.delete(relation, query.where(), output));
            if (explained(req, res, scope, relation, prefs, media, main)) {
                return;
            }
            QueryResult result = runner.execute(
                    req,
                    scope,
                    relation.schema(),
                    false,
                    main,
                    runner.transactionEnd(prefs),
                    rowChecks(prefs, media, Operation.DELETE));
            var headers = new LinkedHashMap<String, String>();
            headers.put("Content-Range", "*/" + total(prefs, result));
            applied(headers, prefs, Operation.DELETE);
            boolean representation = output.returning() == WritePlan.Returning.REPRESENTATION;
            runner.send(
                    req,
                    res,
                    result,
                    representation ? 200 : 204,
                    contentType(output, media),
                    headers.entrySet(),
                    false);
        });
    }

    /** Answers the execution plan of the write when {@code media} asks for one (see {@link ExecutionPlan}). */
    private boolean explained(
            ServerRequest req,
            ServerResponse res,
            RequestScope scope,
            RelationInfo relation,
            Preferences prefs,
            Negotiation.Media media,
            Sql main)
            throws SQLException {
        if (media.plan() == null) {
            return false;
        }
        media.plan()
                .send(
                        runner,
                        req,
                        res,
                        runner.execute(
                                req,
                                scope,
                                relation.schema(),
                                false,
                                media.plan().explain(main),
                                runner.transactionEnd(prefs),
                                null),
                        false);
        return true;
    }

    private static WritePlanner.Output output(
            Preferences prefs, ReadQuery query, Negotiation.Media media, RelationLookup relations) {
        WritePlan.Returning returning = prefs.returning() == null
                ? WritePlan.Returning.MINIMAL
                : switch (prefs.returning()) {
                    case REPRESENTATION -> WritePlan.Returning.REPRESENTATION;
                    case HEADERS_ONLY -> WritePlan.Returning.HEADERS_ONLY;
                    case MINIMAL -> WritePlan.Returning.MINIMAL;
                };
        return new WritePlanner.Output(returning, query, media.shape(), relations, media.handler());
    }

    /** The representation's media type; the relation's handlers apply as to a read (PostgREST negotiates alike). */
    private Negotiation.Media negotiate(ServerRequest req, RelationInfo relation, ReadQuery query) {
        return Negotiation.negotiate(
                req.headers(),
                runner.config().dbPlanEnabled(),
                new Negotiation.Handlers(relation.mediaHandlers(), ReadHandler.defaultSelect(query)));
    }

    private static String contentType(WritePlanner.Output output, Negotiation.Media media) {
        return output.returning() == WritePlan.Returning.REPRESENTATION ? media.contentType() : null;
    }

    /**
     * Checks on the affected rows that roll the write back: a singular response (whatever {@code return=} says),
     * and {@code max-affected} where the operation honours it.
     */
    private static Database.Check rowChecks(Preferences prefs, Negotiation.Media media, Operation operation) {
        Long max = operation.limitsAffected() ? prefs.strictMaxAffected() : null;
        if (!media.singular() && max == null) {
            return null;
        }
        return result -> {
            media.requireOne(result.pageTotal());
            if (max != null && result.pageTotal() > max) {
                throw ApiErrors.maxAffected(result.pageTotal());
            }
        };
    }

    private static String total(Preferences prefs, QueryResult result) {
        return prefs.count() == Preferences.Count.EXACT ? Long.toString(result.pageTotal()) : "*";
    }

    private static long count(QueryResult result, String column) {
        String v = result.extra(column);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** Adds {@code Preference-Applied} for a write; see {@link Preferences#applied}. */
    private void applied(Map<String, String> headers, Preferences prefs, Operation operation) {
        String applied = prefs.applied(operation, runner.txOverridable());
        if (!applied.isEmpty()) {
            headers.put("Preference-Applied", applied);
        }
    }

    /** {@code /<relation>?pk=eq.v[&pk2=eq.w]} from the written row's key, or null when it has none. */
    private static String location(RelationInfo relation, String keyJson) {
        if (keyJson == null || relation.primaryKey().isEmpty()) {
            return null;
        }
        JsonNode values;
        try {
            values = MAPPER.readTree(keyJson);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var out = new StringBuilder("/").append(encode(relation.name())).append('?');
        for (int i = 0; i < relation.primaryKey().size(); i++) {
            if (i > 0) {
                out.append('&');
            }
            JsonNode v = values.get(i);
            out.append(encode(relation.primaryKey().get(i)))
                    .append('=')
                    .append(v == null || v.isNull() ? "is.null" : "eq." + encode(v.asText()));
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
