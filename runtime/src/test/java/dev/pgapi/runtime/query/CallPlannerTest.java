package dev.pgapi.runtime.query;

import static dev.pgapi.runtime.schema.ParamInfo.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.plan.CallPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calls resolve their overload and check what is read of a scalar result while planning. */
class CallPlannerTest {

    private static final FunctionInfo ADD_INTS = FunctionInfo.function("api", "add")
            .withParams(param("a", "integer", ValueKind.INTEGER), param("b", "integer", ValueKind.INTEGER))
            .returning(FunctionInfo.ReturnShape.SCALAR, "integer");
    private static final FunctionInfo ADD_TEXTS = FunctionInfo.function("api", "add")
            .withParams(param("a", "text", ValueKind.TEXT), param("b", "text", ValueKind.TEXT))
            .returning(FunctionInfo.ReturnShape.SCALAR, "text");

    private static final RelationLookup NO_RELATIONS = RelationLookup.of(List.of());

    private static CallPlanner.Output output(String query) {
        return new CallPlanner.Output(ReadQueryParser.parse(QueryString.parse(query)), null, Shape.ARRAY, false);
    }

    @Test
    void argumentsNoOverloadTakesArePgrst202() {
        assertThatThrownBy(() -> CallPlanner.resolve(List.of(ADD_INTS), Set.of("c"), null))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST202"));
    }

    @Test
    void argumentsSeveralOverloadsTakeArePgrst203() {
        assertThatThrownBy(() -> CallPlanner.resolve(List.of(ADD_INTS, ADD_TEXTS), Set.of("a", "b"), null))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("PGRST203"));
    }

    @Test
    void filteringOrOrderingAScalarResultIs42703() {
        var args = new CallPlanner.Arguments("{\"a\":1,\"b\":2}", Set.of("a", "b"), null);
        assertThatThrownBy(() -> CallPlanner.plan(ADD_INTS, args, output("add=eq.3"), NO_RELATIONS))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("42703"));
        assertThatThrownBy(() -> CallPlanner.plan(ADD_INTS, args, output("order=add"), NO_RELATIONS))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo("42703"));
    }

    @Test
    void thePlanPassesTheGivenParametersInTheFunctionsOrder() {
        var args = new CallPlanner.Arguments("{\"b\":2,\"a\":1}", Set.of("b", "a"), null);
        CallPlan plan = CallPlanner.plan(ADD_INTS, args, output(""), NO_RELATIONS);
        assertThat(plan.arguments().passed()).extracting(p -> p.name()).containsExactly("a", "b");
        assertThat(plan.result()).isEqualTo(new CallPlan.Result.Scalars(null, 0));
    }
}
