package dev.pgapi.runtime.http;

import dev.pgapi.runtime.query.Sql;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Query;

/**
 * A jOOQ query as pgapi's {@link Sql}: jOOQ's text with one {@code ?} per value, and each value as the text
 * PostgreSQL reads for it. Like every request value, they are bound as untyped text, so PostgreSQL infers each
 * value's type from where it stands (as with the generated endpoints' statements).
 */
final class JooqStatements {

    private JooqStatements() {}

    static Sql of(DSLContext dsl, Query query) {
        List<Object> values = dsl.extractBindValues(query);
        var params = new ArrayList<String>(values.size());
        for (Object value : values) {
            params.add(text(value));
        }
        return Sql.rendered(dsl.render(query), params);
    }

    /** The text PostgreSQL's input function reads for {@code value}; types with no unambiguous text are refused. */
    static String text(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case UUID u -> u.toString();
            // ISO 8601: PostgreSQL reads it for date, time and timestamp[tz]
            case TemporalAccessor t -> t.toString();
            case JSON j -> j.data();
            case JSONB j -> j.data();
            case EnumType e -> e.getLiteral();
            default ->
                throw new IllegalArgumentException(
                        "a value of type " + value.getClass().getName()
                                + " cannot be bound by ApiRuntime.select; use ApiRuntime.transaction for this query");
        };
    }
}
