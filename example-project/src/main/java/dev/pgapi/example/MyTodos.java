package dev.pgapi.example;

import static dev.pgapi.example.generated.jooq.Tables.TODOS;
import static org.jooq.impl.DSL.field;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgapi.runtime.UserRoutes;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.http.Reply;
import dev.pgapi.runtime.http.RequestContext;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written endpoints next to the generated API (registered in
 * {@code META-INF/services/dev.pgapi.runtime.UserRoutes}). Each runs in the request's transaction, as the caller's
 * role with their claims, so the GRANTs and row-level security of {@code api.todos} decide what they see and write.
 *
 * <ul>
 *   <li>{@code GET /my/todos}: who the database thinks the caller is, and their todos.</li>
 *   <li>{@code POST /my/todos} with {@code {"tasks": ["...", ...]}}: adds several todos, all or none.</li>
 * </ul>
 */
public final class MyTodos implements UserRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void routing(HttpRouting.Builder routing, ApiRuntime api) {
        routing.get("/my/todos", (req, res) -> api.transaction(req, res, MyTodos::list));
        // the body is read inside the transaction so that a malformed one is answered like any other error
        routing.post(
                "/my/todos",
                (req, res) -> api.transaction(
                        req, res, ctx -> add(ctx, tasks(ctx.request().content().as(String.class)))));
    }

    private static Reply list(RequestContext ctx) throws JsonProcessingException {
        var db = ctx.dsl();
        // the database's view of the caller: the role switched to and the email claim the policies read
        var who = db.select(
                        field("current_user", String.class),
                        field("current_setting('request.jwt.claims', true)::json ->> 'email'", String.class))
                .fetchOne();
        ObjectNode out = JSON.createObjectNode();
        out.put("role", who.value1());
        out.put("email", who.value2());
        var todos = out.putArray("todos");
        for (var todo : db.selectFrom(TODOS).orderBy(TODOS.ID).fetch()) {
            todos.addObject()
                    .put("id", todo.getId())
                    .put("task", todo.getTask())
                    .put("done", todo.getDone());
        }
        return Reply.json(200, JSON.writeValueAsString(out));
    }

    private static Reply add(RequestContext ctx, List<String> tasks) throws JsonProcessingException {
        var ids = JSON.createArrayNode();
        for (String task : tasks) {
            // one statement per task: a failing one (a null task) rolls back those before it
            ids.add(ctx.dsl()
                    .insertInto(TODOS, TODOS.TASK)
                    .values(task)
                    .returning(TODOS.ID)
                    .fetchOne()
                    .getId());
        }
        return Reply.json(201, JSON.writeValueAsString(ids));
    }

    /** {@code {"tasks": [...]}}; anything else is PostgREST's 400 for a body it cannot read. */
    private static List<String> tasks(String body) {
        try {
            JsonNode tasks = JSON.readTree(body).path("tasks");
            if (tasks.isArray()) {
                var out = new ArrayList<String>();
                tasks.forEach(t -> out.add(t.isNull() ? null : t.asText()));
                return out;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw ApiError.of(400, "PGRST102", "Empty or invalid json", null, null);
    }
}
