package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import java.util.List;

/**
 * A call of one resolved overload and the read of its result.
 *
 * @param function   the overload called
 * @param arguments  what is passed to it
 * @param result     the page of its result the response shows
 * @param shape      how the body is rendered
 * @param count      also count the filtered result
 * @param handler    the media type handler rendering the body for {@link Shape#HANDLER}, else null
 */
public record CallPlan(
        FunctionInfo function, Arguments arguments, Result result, Shape shape, boolean count, HandlerPlan handler) {

    /**
     * The arguments.
     *
     * @param body    the whole body for a function's single unnamed parameter, else null
     * @param json    named arguments as a JSON object, or null
     * @param passed  the parameters given by name, in the function's order (the others take their defaults)
     */
    public record Arguments(String body, String json, List<ParamInfo> passed) {
        public Arguments {
            passed = List.copyOf(passed);
        }
    }

    /** The part of the function's result the response reads. */
    public sealed interface Result {

        /** Rows with known columns, read like a table (select, filters, order, paging). */
        record Rows(LevelPlan page) implements Result {}

        /**
         * Scalars: nothing to select, filter or order by.
         *
         * @param limit   the effective limit (set-returning functions only), or null
         * @param offset  the offset (set-returning functions only), or 0
         */
        record Scalars(Long limit, long offset) implements Result {}
    }
}
