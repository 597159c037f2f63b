package dev.pgapi.example;

import static dev.pgapi.example.ApiClient.header;
import static dev.pgapi.example.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgapi.runtime.PgapiServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Accept: application/vnd.pgrst.plan} with {@code db-plan-enabled}: the {@code EXPLAIN} of the statement the
 * request would run, as its role, over HTTP. The server allows {@code Prefer: tx=rollback}
 * ({@code db-tx-end = commit-allow-override}).
 */
class ExecutionPlanIT {

    private static final String JSON_PLAN = "application/vnd.pgrst.plan+json";
    private static final String JSON_PLAN_TYPE =
            "application/vnd.pgrst.plan+json; for=\"application/json\"; charset=utf-8";

    private static DevServer server;
    private static PgapiServer disabled;
    private static ApiClient anon;
    private static ApiClient carol;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of(
                "PGRST_SERVER_PORT", "0", "PGRST_DB_PLAN_ENABLED", "true", "PGRST_DB_TX_END", "commit-allow-override"));
        disabled = server.serveAnother(Map.of("PGRST_SERVER_PORT", "0"));
        anon = new ApiClient(server.port(), null);
        carol = anon.as("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        disabled.close();
        server.close();
    }

    private static JsonNode plan(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode plan = json(res).get(0).get("Plan");
        assertThat(plan).as(res.body()).isNotNull();
        return plan;
    }

    private static long gadgets(String sku) throws Exception {
        return json(carol.get("/gadgets?select=id&sku=eq." + sku)).size();
    }

    // --- reads ------------------------------------------------------------------------------------------------

    @Test
    void jsonPlanOfAReadIsPostgresExplainOfTheStatement() throws Exception {
        var res = anon.get("/books?id=in.(1,2,3)", "Accept", JSON_PLAN);
        JsonNode plan = plan(res);
        assertThat(header(res, "Content-Type")).isEqualTo(JSON_PLAN_TYPE);
        assertThat(plan.get("Node Type").asText()).isEqualTo("Aggregate");
        assertThat(plan.get("Total Cost").asDouble()).isPositive();
        assertThat(plan.has("Actual Rows")).isFalse();
    }

    @Test
    void planWithoutSuffixIsTextAsPostgrestAnswersIt() throws Exception {
        var res = anon.get("/books?id=in.(1,2,3)", "Accept", "application/vnd.pgrst.plan");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(header(res, "Content-Type"))
                .isEqualTo("application/vnd.pgrst.plan+text; for=\"application/json\"; charset=utf-8");
        assertThat(res.body()).startsWith("Aggregate").contains("cost=").endsWith("\n");
        assertThat(anon.get("/books", "Accept", "application/vnd.pgrst.plan+text")
                        .body())
                .startsWith("Aggregate");
    }

    @Test
    void forExplainsTheStatementOfThatRepresentation() throws Exception {
        String verbose = "; options=verbose";
        var csv = anon.get("/books", "Accept", JSON_PLAN + "; for=\"text/csv\"" + verbose);
        JsonNode csvPlan = plan(csv);
        assertThat(header(csv, "Content-Type"))
                .isEqualTo("application/vnd.pgrst.plan+json; for=\"text/csv\"; options=verbose; charset=utf-8");
        JsonNode jsonPlan = plan(anon.get("/books", "Accept", JSON_PLAN + verbose));
        assertThat(csvPlan.get("Output").toString())
                .isNotEqualTo(jsonPlan.get("Output").toString());

        // a singular representation of no row is still a plan, not PGRST116
        var object = anon.get("/books?id=eq.-1", "Accept", JSON_PLAN + "; for=\"application/vnd.pgrst.object\"");
        plan(object);
        assertThat(header(object, "Content-Type"))
                .isEqualTo("application/vnd.pgrst.plan+json; for=\"application/vnd.pgrst.object+json\"; charset=utf-8");
    }

    @Test
    void analyzeRunsTheStatementWithTheRequestValues() throws Exception {
        var res = anon.get("/books?id=in.(1,2)", "Accept", JSON_PLAN + "; options=analyze|buffers");
        JsonNode plan = plan(res);
        assertThat(header(res, "Content-Type"))
                .isEqualTo(
                        "application/vnd.pgrst.plan+json; for=\"application/json\"; options=analyze|buffers; charset=utf-8");
        // one aggregated row over the two books the filter's values select
        assertThat(plan.get("Actual Rows").asLong()).isEqualTo(1);
        assertThat(res.body()).contains("\"Actual Rows\": 2", "Shared Hit Blocks");
    }

    @Test
    void headAnswersThePlanHeadersWithoutBody() throws Exception {
        var res = anon.send("HEAD", "/books", null, "Accept", JSON_PLAN);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "Content-Type")).isEqualTo(JSON_PLAN_TYPE);
        assertThat(res.body()).isEmpty();
    }

    @Test
    void thePlanIsTheRequestRolesSoRowLevelSecurityShowsInIt() throws Exception {
        var alice = anon.as("alice@example.com", "alice-password");
        var res = alice.get("/chat", "Accept", "application/vnd.pgrst.plan");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).containsIgnoringCase("message_to = current_user");
    }

    @Test
    void anonymousPlanOfATableAnonCannotReadIsTheSame401() throws Exception {
        var plain = anon.get("/chat");
        var planned = anon.get("/chat", "Accept", JSON_PLAN);
        assertThat(planned.statusCode()).isEqualTo(401).isEqualTo(plain.statusCode());
        assertThat(json(planned).get("code").asText()).isEqualTo("42501");
        assertThat(planned.body()).isEqualTo(plain.body());
    }

    @Test
    void thePreRequestRunsBeforeThePlanAndCanRefuseIt() throws Exception {
        var dave = anon.as("dave@example.com", "dave-password");
        var plain = dave.get("/books");
        var planned = dave.get("/books", "Accept", JSON_PLAN);
        assertThat(planned.statusCode()).isEqualTo(plain.statusCode()).isNotEqualTo(200);
        assertThat(planned.body()).isEqualTo(plain.body()).contains("is banned");
    }

    // --- writes -----------------------------------------------------------------------------------------------

    @Test
    void planOfAnInsertIsAnswered200AndWritesNothing() throws Exception {
        var res = carol.send("POST", "/gadgets", "{\"sku\":\"PLAN-1\",\"name\":\"Planned\"}", "Accept", JSON_PLAN);
        JsonNode plan = plan(res);
        assertThat(header(res, "Content-Type")).isEqualTo(JSON_PLAN_TYPE);
        assertThat(res.body()).contains("\"Operation\": \"Insert\"");
        assertThat(plan.get("Total Cost").asDouble()).isPositive();
        assertThat(gadgets("PLAN-1")).isZero();
    }

    @Test
    void analyzeOfAnInsertRunsItAndPreferTxRollbackUndoesIt() throws Exception {
        String analyze = JSON_PLAN + "; options=analyze";
        var rolledBack = carol.send(
                "POST",
                "/gadgets",
                "{\"sku\":\"PLAN-2\",\"name\":\"Planned\"}",
                "Accept",
                analyze,
                "Prefer",
                "tx=rollback");
        assertThat(plan(rolledBack).has("Actual Rows")).isTrue();
        assertThat(gadgets("PLAN-2")).isZero();

        // as PostgREST documents it (and as EXPLAIN ANALYZE does): without the rollback the write is committed
        var committed = carol.send("POST", "/gadgets", "{\"sku\":\"PLAN-3\",\"name\":\"Planned\"}", "Accept", analyze);
        plan(committed);
        assertThat(gadgets("PLAN-3")).isEqualTo(1);
    }

    @Test
    void plansOfUpdateUpsertAndDeleteChangeNothingWithoutAnalyze() throws Exception {
        carol.send("POST", "/gadgets", "{\"sku\":\"PLAN-4\",\"name\":\"Kept\"}");
        var patch = carol.send(
                "PATCH",
                "/gadgets?sku=eq.PLAN-4",
                "{\"name\":\"Changed\"}",
                "Accept",
                JSON_PLAN,
                "Prefer",
                "return=representation");
        assertThat(plan(patch).get("Node Type").asText()).isNotEmpty();
        var delete = carol.send(
                "DELETE",
                "/gadgets?sku=eq.PLAN-4",
                null,
                "Accept",
                JSON_PLAN + "; for=\"application/vnd.pgrst.object\"");
        plan(delete);
        var put = carol.send(
                "PUT", "/languages?name=eq.PlanLang", "{\"name\":\"PlanLang\",\"rank\":1}", "Accept", JSON_PLAN);
        plan(put);
        assertThat(carol.get("/gadgets?select=name&sku=eq.PLAN-4").body()).isEqualTo("[{\"name\":\"Kept\"}]");
        assertThat(carol.get("/languages?name=eq.PlanLang").body()).isEqualTo("[]");
    }

    // --- functions --------------------------------------------------------------------------------------------

    @Test
    void planOfAFunctionCall() throws Exception {
        var get = anon.get("/rpc/books_by_author?author=1&order=id", "Accept", JSON_PLAN);
        assertThat(header(get, "Content-Type")).isEqualTo(JSON_PLAN_TYPE);
        assertThat(plan(get).get("Node Type").asText()).isNotEmpty();
        var post = anon.send("POST", "/rpc/add", "{\"a\":1,\"b\":2}", "Accept", "application/vnd.pgrst.plan");
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(post.body()).contains("cost=");
    }

    // --- disabled ---------------------------------------------------------------------------------------------

    @Test
    void withoutDbPlanEnabledThePlanIsNotAcceptable() throws Exception {
        var off = new ApiClient(disabled.port(), null);
        for (var res : List.of(
                off.get("/books", "Accept", "application/vnd.pgrst.plan"),
                off.get("/rpc/add?a=1&b=2", "Accept", "application/vnd.pgrst.plan"),
                off.send("DELETE", "/gadgets?sku=eq.none", null, "Accept", "application/vnd.pgrst.plan"))) {
            assertThat(res.statusCode()).isEqualTo(406);
            JsonNode error = json(res);
            assertThat(error.get("code").asText()).isEqualTo("PGRST107");
            assertThat(error.get("message").asText())
                    .isEqualTo(
                            "None of these media types are available: application/vnd.pgrst.plan+text; for=\"application/json\"");
        }
    }
}
