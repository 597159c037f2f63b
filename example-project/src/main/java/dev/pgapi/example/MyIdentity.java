package dev.pgapi.example;

import static dev.pgapi.example.generated.jooq.Routines.me;
import static dev.pgapi.example.generated.jooq.Routines.whoami;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.runtime.UserRoutes;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.http.Reply;
import dev.pgapi.runtime.http.RequestContext;
import io.helidon.webserver.http.HttpRouting;

/**
 * {@code GET /my/identity}: the SQL functions {@code api.whoami()} and {@code api.me()} called from Java through
 * their generated jOOQ routines, in the request's transaction. They run as the caller's role with their claims, and
 * {@code EXECUTE} decides who may call them: {@code me()} is granted to signed-in users only, so anonymous callers
 * get PostgREST's {@code 401 42501}.
 */
public final class MyIdentity implements UserRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void routing(HttpRouting.Builder routing, ApiRuntime api) {
        routing.get("/my/identity", (req, res) -> api.transaction(req, res, MyIdentity::identity));
    }

    private static Reply identity(RequestContext ctx) throws JsonProcessingException {
        // both functions in one statement: SELECT api.whoami(), api.me()
        var row = ctx.dsl().select(whoami(), me()).fetchOne();
        var out = JSON.createObjectNode();
        out.put("role", row.value1());
        out.set(
                "claims",
                row.value2() == null ? null : JSON.readTree(row.value2().data()));
        return Reply.json(200, JSON.writeValueAsString(out));
    }
}
