package dev.pgapi.example;

import static dev.pgapi.example.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.PgapiServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JWT signing secret (app.settings.jwt_secret, which api.login signs with) is readable through no endpoint: whoever
 * had it could sign a token for any user. Every function and relation a role may use is called with the setting's
 * name in every text argument, on a server whose transactions all roll back.
 */
class JwtSecretIT {

    private static final String SETTING = "app.settings.jwt_secret";
    private static final Set<String> TEXT_TYPES = Set.of("text", "name", "character varying", "json", "jsonb");

    private static PgapiServer server;
    private static Api api;
    private static String carol;

    @BeforeAll
    static void start() throws Exception {
        server = Api.serve(Map.of("PGRST_DB_TX_END", "rollback"));
        api = Api.of(server);
        carol = api.login("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousRequestsCannotCallTheSettingsProbe() throws Exception {
        for (String name : List.of(SETTING, SETTING.toUpperCase(java.util.Locale.ROOT), "request.jwt.claims")) {
            var res = api.get("/rpc/get_guc?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(json(res).get("code").asText()).isEqualTo("42501");
            assertThat(res.body()).doesNotContain(Api.SECRET);
        }
        var post = api.post("/rpc/get_guc", "{\"name\":\"" + SETTING + "\"}", null);
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(post.body()).doesNotContain(Api.SECRET);
    }

    @Test
    void noFunctionOrRelationAnonMayUseAnswersTheSecret() throws Exception {
        assertThat(sweep("anon", null))
                .contains("login", "whoami", "search_books")
                .doesNotContain("get_guc");
    }

    @Test
    void noFunctionOrRelationASignedInUserMayUseAnswersTheSecret() throws Exception {
        assertThat(sweep("webuser", carol)).contains("get_guc", "me", "whoami");
    }

    /** Calls everything {@code role} may use in the api schema; returns the functions called. */
    private static List<String> sweep(String role, String token) throws Exception {
        List<String> leaks = new ArrayList<>();
        Map<String, Map<String, String>> functions = functions(role);
        for (var f : functions.entrySet()) {
            var body = Api.JSON.createObjectNode();
            f.getValue().keySet().forEach(arg -> body.put(arg, SETTING));
            var res = api.post("/rpc/" + f.getKey(), body.toString(), token);
            if (res.body().contains(Api.SECRET)) {
                leaks.add("POST /rpc/" + f.getKey() + " " + body + " -> " + res.body());
            }
        }
        for (String relation : relations(role)) {
            var res = api.get("/" + relation, token);
            if (res.body().contains(Api.SECRET)) {
                leaks.add("GET /" + relation + " -> " + res.body());
            }
        }
        assertThat(leaks).isEmpty();
        return new ArrayList<>(functions.keySet());
    }

    /** Function name → its text-like input arguments by name and type (other arguments are left out). */
    private static Map<String, Map<String, String>> functions(String role) throws Exception {
        Map<String, Map<String, String>> functions = new LinkedHashMap<>();
        try (var c = DriverManager.getConnection(Api.adminJdbcUrl());
                var ps = c.prepareStatement("""
                     select p.proname, a.name, format_type(a.type, null), coalesce(a.mode, 'i')
                     from pg_proc p
                     join pg_namespace n on n.oid = p.pronamespace
                     left join lateral unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames,
                                              p.proargmodes::text[]) with ordinality as a(type, name, mode, pos) on true
                     where n.nspname = 'api' and p.prokind = 'f' and has_function_privilege(?, p.oid, 'EXECUTE')
                       and p.prorettype <> 'trigger'::regtype
                     order by p.proname, p.oid, a.pos
                     """)) {
            ps.setString(1, role);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var args = functions.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>());
                    String name = rs.getString(2);
                    if (name != null
                            && !name.isEmpty()
                            && TEXT_TYPES.contains(rs.getString(3))
                            && Set.of("i", "b", "v").contains(rs.getString(4))) {
                        args.put(name, rs.getString(3));
                    }
                }
            }
        }
        return functions;
    }

    private static List<String> relations(String role) throws Exception {
        List<String> relations = new ArrayList<>();
        try (var c = DriverManager.getConnection(Api.adminJdbcUrl());
                var ps = c.prepareStatement("""
                     select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = 'api' and c.relkind in ('r', 'v', 'm', 'f', 'p')
                       and has_table_privilege(?, c.oid, 'SELECT')
                     order by 1
                     """)) {
            ps.setString(1, role);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    relations.add(rs.getString(1));
                }
            }
        }
        assertThat(relations).isNotEmpty();
        return relations;
    }
}
