package dev.pgapi.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.example.generated.jooq.Routines;
import dev.pgapi.runtime.UserRoutes;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.http.Reply;
import io.helidon.webserver.http.HttpRouting;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Hand-written routes that only the tests serve: they misbehave on purpose (session-wide settings, a held cursor,
 * LISTEN, an advisory lock, a temporary table) to show that nothing of it reaches the next request, or call
 * generated routines the example's own endpoints do not.
 */
public final class SessionProbeRoutes implements UserRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void routing(HttpRouting.Builder routing, ApiRuntime api) {
        routing.post(
                "/test/dirty-session",
                (req, res) -> api.transaction(req, res, ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("SET statement_timeout = '4321ms'");
                        st.execute("SET app.leak = 'leaked'");
                        st.execute("SET ROLE webuser");
                        st.execute("DECLARE leak CURSOR WITH HOLD FOR SELECT 1");
                        st.execute("LISTEN leak");
                        st.execute("SELECT pg_advisory_lock(4242)");
                        st.execute("CREATE TEMP TABLE leak (x int)");
                    }
                    if (req.query().contains("fail")) {
                        throw new IllegalStateException("failing on purpose");
                    }
                    return Reply.empty(204);
                }));
        // what a GET (a READ ONLY transaction) can leave behind; a temporary table is refused, so none is reset
        routing.get(
                "/test/dirty-session",
                (req, res) -> api.transaction(req, res, ctx -> {
                    String refused;
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("SET statement_timeout = '4321ms'");
                        st.execute("SET app.leak = 'leaked'");
                        st.execute("SET ROLE webuser");
                        st.execute("DECLARE leak CURSOR WITH HOLD FOR SELECT 1");
                        st.execute("LISTEN leak");
                        st.execute("SELECT pg_advisory_lock(4243)");
                        st.execute("SAVEPOINT temp");
                        try {
                            st.execute("CREATE TEMP TABLE leak (x int)");
                            refused = "";
                        } catch (SQLException e) {
                            refused = e.getSQLState();
                            st.execute("ROLLBACK TO SAVEPOINT temp");
                        }
                    }
                    return Reply.json(200, "{\"temp table\":\"" + refused + "\"}");
                }));
        routing.get(
                "/test/session",
                (req, res) -> api.transaction(req, res, ctx -> {
                    try (Statement st = ctx.connection().createStatement();
                            ResultSet rs = st.executeQuery("SELECT current_user, current_setting('statement_timeout'), "
                                    + "coalesce(current_setting('app.leak', true), ''), "
                                    + "nullif(current_setting('request.jwt.claims', true), '')::json ->> 'email'")) {
                        rs.next();
                        return Reply.json(
                                200,
                                "{\"role\":\"" + rs.getString(1) + "\",\"statement_timeout\":\""
                                        + rs.getString(2) + "\",\"leak\":\"" + rs.getString(3) + "\",\"email\":\""
                                        + rs.getString(4) + "\",\"identity\":\""
                                        + ctx.identity().role() + " "
                                        + ctx.identity().claims().get("email") + "\"}");
                    }
                }));
        // overloads of one SQL function are numbered routines; jOOQ passes typed values, so even the convert
        // overloads PostgREST cannot choose between (same parameter names) are called unambiguously
        routing.get(
                "/test/overloads",
                (req, res) -> api.transaction(req, res, ctx -> {
                    var cfg = ctx.dsl().configuration();
                    return Reply.json(
                            200,
                            JSON.writeValueAsString(List.of(
                                    Routines.describe1(cfg, 7),
                                    Routines.describe2(cfg, "x", true),
                                    Routines.convert1(cfg, 1),
                                    Routines.convert2(cfg, "1"))));
                }));
        // two seats with one number: the deferred unique constraint fails only when the transaction ends
        routing.post(
                "/test/double-seat",
                (req, res) -> api.transaction(req, res, ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("INSERT INTO api.seats (id, seat) VALUES (9901, 9077), (9902, 9077)");
                    }
                    return Reply.empty(204);
                }));
        routing.get(
                "/test/write",
                (req, res) -> api.transaction(req, res, ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("INSERT INTO api.todos (task) VALUES ('written on GET')");
                    }
                    return Reply.empty(204);
                }));
        routing.post(
                "/test/response-gucs",
                (req, res) -> api.transaction(req, res, ctx -> {
                    try (Statement st = ctx.connection().createStatement()) {
                        st.execute("SELECT set_config('response.status', '202', true), "
                                + "set_config('response.headers', '[{\"X-Probe\": \"set by SQL\"}]', true)");
                    }
                    return Reply.json(200, "{}");
                }));
        routing.post(
                "/test/commit",
                (req, res) -> api.transaction(req, res, ctx -> {
                    ctx.connection().commit();
                    return Reply.empty(204);
                }));
    }
}
