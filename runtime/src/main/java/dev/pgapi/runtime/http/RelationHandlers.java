package dev.pgapi.runtime.http;

import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.webserver.http.Handler;

/**
 * The Helidon handlers of one relation's routes, each passing the relation to its {@link ApiRuntime} entry point.
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

    RelationHandlers(ApiRuntime api, RelationInfo relation) {
        this.read = (req, res) -> api.read(relation, req, res);
        this.insert = (req, res) -> api.insert(relation, req, res);
        this.upsert = (req, res) -> api.upsert(relation, req, res);
        this.update = (req, res) -> api.update(relation, req, res);
        this.delete = (req, res) -> api.delete(relation, req, res);
        this.options = (req, res) -> api.options(relation, req, res);
        this.unsupported = (req, res) -> api.unsupported(relation, req, res);
    }

    /** {@code GET} and {@code HEAD}: {@link ApiRuntime#read}. */
    public Handler read() {
        return read;
    }

    /** {@code POST}: {@link ApiRuntime#insert}. */
    public Handler insert() {
        return insert;
    }

    /** {@code PUT}: {@link ApiRuntime#upsert}. */
    public Handler upsert() {
        return upsert;
    }

    /** {@code PATCH}: {@link ApiRuntime#update}. */
    public Handler update() {
        return update;
    }

    /** {@code DELETE}: {@link ApiRuntime#delete}. */
    public Handler delete() {
        return delete;
    }

    /** {@code OPTIONS}: {@link ApiRuntime#options(RelationInfo, io.helidon.webserver.http.ServerRequest,
     * io.helidon.webserver.http.ServerResponse)}. */
    public Handler options() {
        return options;
    }

    /** Any other method: {@link ApiRuntime#unsupported(RelationInfo, io.helidon.webserver.http.ServerRequest,
     * io.helidon.webserver.http.ServerResponse)}. */
    public Handler unsupported() {
        return unsupported;
    }
}
