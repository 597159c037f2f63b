package dev.pgapi.example;

import static dev.pgapi.example.generated.jooq.Tables.BOOKS;

import dev.pgapi.example.generated.jooq.tables.Books;
import dev.pgapi.runtime.UserRoutes;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.http.Reply;
import io.helidon.webserver.http.HttpRouting;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code GET /lookup/books/{id}}: one book read through jOOQ in the request's transaction, answered as
 * {@code GET /books?id=eq.{id}} answers it (an array of at most one row), byte for byte: PostgreSQL renders the JSON,
 * as it does for the generated endpoints. The benchmark compares the two.
 */
public final class BookLookup implements UserRoutes {

    private static final Books BOOK = BOOKS.as("book");

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
                                    .select(DSL.field("coalesce(json_agg({0}), '[]')::text", String.class, BOOK))
                                    .from(BOOK)
                                    // PostgreSQL reads the number, and answers 22P02 for one that is not
                                    .where(BOOK.ID.eq(DSL.cast(DSL.val(id), SQLDataType.INTEGER)))
                                    .fetchSingle()
                                    .value1()));
        });
    }
}
