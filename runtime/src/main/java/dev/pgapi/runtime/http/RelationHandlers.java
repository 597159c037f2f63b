package dev.pgapi.runtime.http;

import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.webserver.http.Handler;

/**
 * The Helidon handlers of one relation's routes, each answering for the relation's schema only (see
 * {@link ApiEndpoints#route}).
 *
 * <p>They are written once here rather than as lambdas in every generated service: each lambda in source is a class
 * the JVM spins at startup, and a schema with hundreds of relations would add thousands of them.
 */
public final class RelationHandlers {

    private final Handler read;
    private final Handler insert;
    private final Handler upsert;
    private final Handler update;
    private final Handler delete;
    private final Handler options;
    private final Handler unsupported;

    RelationHandlers(ApiEndpoints endpoints, RelationInfo relation) {
        RelationLookup relations = endpoints.relations();
        String schema = relation.schema();
        this.read = endpoints.route(schema, (g, req, res) -> g.reads().read(relation, relations, req, res));
        this.insert = endpoints.route(schema, (g, req, res) -> g.writes().insert(relation, relations, req, res));
        this.upsert = endpoints.route(schema, (g, req, res) -> g.writes().put(relation, relations, req, res));
        this.update = endpoints.route(schema, (g, req, res) -> g.writes().update(relation, relations, req, res));
        this.delete = endpoints.route(schema, (g, req, res) -> g.writes().delete(relation, relations, req, res));
        String allow = allowedMethods(relation);
        this.options = endpoints.route(schema, (g, req, res) -> ApiEndpoints.answerOptions(res, allow));
        this.unsupported = endpoints.route(
                schema,
                (g, req, res) -> g.responses()
                        .error(
                                res,
                                ApiErrors.unsupportedMethod(
                                        req.prologue().method().text())));
    }

    /** What {@code OPTIONS} answers: the methods the relation's structure allows. */
    private static String allowedMethods(RelationInfo relation) {
        var allow = new StringBuilder("OPTIONS,GET,HEAD");
        if (relation.insertable()) {
            allow.append(",POST");
        }
        if (relation.insertable()
                && relation.updatable()
                && !relation.primaryKey().isEmpty()) {
            allow.append(",PUT");
        }
        if (relation.updatable()) {
            allow.append(",PATCH");
        }
        if (relation.deletable()) {
            allow.append(",DELETE");
        }
        return allow.toString();
    }

    /** {@code GET} and {@code HEAD}: the rows, as {@link ReadHandler} answers them. */
    public Handler read() {
        return read;
    }

    /** {@code POST}: insert or upsert ({@link WriteHandler}). */
    public Handler insert() {
        return insert;
    }

    /** {@code PUT /<relation>?pk=eq.x}: insert or replace one row. */
    public Handler upsert() {
        return upsert;
    }

    /** {@code PATCH}. */
    public Handler update() {
        return update;
    }

    /** {@code DELETE}. */
    public Handler delete() {
        return delete;
    }

    /** {@code OPTIONS}: the methods the relation's structure allows, answered without the database. */
    public Handler options() {
        return options;
    }

    /** Any other method: PGRST117. */
    public Handler unsupported() {
        return unsupported;
    }
}
