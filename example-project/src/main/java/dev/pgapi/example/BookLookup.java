package dev.pgapi.example;

import static dev.pgapi.example.generated.jooq.Tables.BOOKS;

import dev.pgapi.runtime.UserRoutes;
import dev.pgapi.runtime.http.ApiRuntime;
import io.helidon.webserver.http.HttpRouting;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code GET /lookup/books/{id}}: one book read with a typed jOOQ query, answered as {@code GET /books?id=eq.{id}}
 * answers it (an array of at most one row), byte for byte: {@code api.select} sends the query in the generated
 * endpoints' single round trip and PostgreSQL renders the JSON. The benchmark compares the two.
 */
public final class BookLookup implements UserRoutes {

    @Override
    public void routing(HttpRouting.Builder routing, ApiRuntime api) {
        routing.get("/lookup/books/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            api.select(
                    req,
                    res,
                    // PostgreSQL reads the number, and answers 22P02 for one that is not
                    dsl -> dsl.selectFrom(BOOKS).where(BOOKS.ID.eq(DSL.cast(DSL.val(id), SQLDataType.INTEGER))));
        });
    }
}
