package dev.pgapi.example;

import static dev.pgapi.example.generated.jooq.Tables.BOOKS;

import dev.pgapi.runtime.UserRoutes;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.http.Reply;
import io.helidon.webserver.http.HttpRouting;
import org.jooq.JSONFormat;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code GET /lookup/books/{id}}: one book read through jOOQ in the request's transaction, answered as
 * {@code GET /books?id=eq.{id}} answers it (an array of at most one row). The benchmark compares the two.
 */
public final class BookLookup implements UserRoutes {

    /** Rows as objects in an array, as PostgREST sends them (jOOQ's default writes each row as an array). */
    private static final JSONFormat ROWS = new JSONFormat().header(false).recordFormat(JSONFormat.RecordFormat.OBJECT);

    @Override
    public void routing(HttpRouting.Builder routing, ApiRuntime api) {
        routing.get("/lookup/books/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            api.transaction(
                    req,
                    res,
                    ctx -> Reply.json(
                            200,
                            ctx.dsl()
                                    .selectFrom(BOOKS)
                                    // PostgreSQL reads the number, and answers 22P02 for one that is not
                                    .where(BOOKS.ID.eq(DSL.cast(DSL.val(id), SQLDataType.INTEGER)))
                                    .fetch()
                                    .formatJSON(ROWS)));
        });
    }
}
