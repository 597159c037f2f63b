package dev.pgapi.runtime.http;

import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** The setup most HTTP tests share: an {@code authenticator} that switches to {@code anon}, an {@code api} schema. */
final class AnonApi {

    /** Roles and schema; a test's own tables, functions and grants follow it in the same script. */
    static final String ROLES_AND_SCHEMA = """
            create role authenticator login noinherit;
            create role anon nologin;
            grant anon to authenticator;
            create schema api;
            grant usage on schema api to anon;
            """;

    private AnonApi() {}

    /** A service of schema {@code api} with anonymous role {@code anon}, logged in as the authenticator. */
    static RuntimeConfig config(String host, int port, int pool) {
        return RuntimeConfig.load(
                null,
                Map.of(
                        "PGRST_DB_URI",
                        "postgres://authenticator@" + host + ":" + port + "/postgres",
                        "PGRST_DB_SCHEMAS",
                        "api",
                        "PGRST_DB_ANON_ROLE",
                        "anon",
                        "PGRST_DB_POOL",
                        Integer.toString(pool)));
    }

    /**
     * A started server on a free port that serves every method of each relation ({@code /<name>}) and of each
     * function ({@code GET}/{@code POST /rpc/<name>}), as generated routing does.
     */
    static WebServer serve(ApiRuntime api, List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        HttpFeature feature = routing -> {
            ApiEndpoints endpoints = api.endpoints(relations, functions);
            routing.addFilter(api.filter());
            for (RelationInfo r : relations) {
                RelationHandlers h = endpoints.handlers(r);
                routing.register(
                        "/" + r.name(),
                        rules -> rules.get("/", h.read())
                                .post("/", h.insert())
                                .put("/", h.upsert())
                                .patch("/", h.update())
                                .delete("/", h.delete()));
            }
            for (List<FunctionInfo> overloads : functions) {
                FunctionHandlers h = endpoints.handlers(overloads);
                routing.register(
                        "/rpc/" + overloads.getFirst().name(),
                        rules -> rules.get("/", h.call()).post("/", h.call()));
            }
            endpoints.fallbacks(routing);
        };
        return WebServer.builder()
                .port(0)
                .routing((HttpRouting.Builder routing) -> routing.addFeature(feature))
                .build()
                .start();
    }

    /** A started server on a free port that serves {@code GET /<name>} of each relation, as generated routing does. */
    static WebServer serveReads(ApiRuntime api, RelationInfo... relations) {
        return serve(api, List.of(relations), List.of());
    }

    /** An embedded PostgreSQL set up by a script, and a started service over it as {@link #serve} builds it. */
    record Service(EmbeddedPostgres postgres, ApiRuntime api, WebServer server) implements AutoCloseable {

        /** Starts PostgreSQL, runs {@code sql} as the superuser, and serves the relations and functions (pool 2). */
        static Service start(String sql, List<RelationInfo> relations, List<List<FunctionInfo>> functions)
                throws IOException, SQLException {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            ApiRuntime api = null;
            try {
                try (Connection c = postgres.getPostgresDatabase().getConnection();
                        Statement st = c.createStatement()) {
                    st.execute(sql);
                }
                api = ApiRuntime.create(config("localhost", postgres.getPort(), 2));
                return new Service(postgres, api, serve(api, relations, functions));
            } catch (SQLException | RuntimeException e) {
                if (api != null) {
                    api.close();
                }
                postgres.close();
                throw e;
            }
        }

        int port() {
            return server.port();
        }

        /** A connection as the superuser, outside the service. */
        Connection superuser() throws SQLException {
            return postgres.getPostgresDatabase().getConnection();
        }

        @Override
        public void close() throws IOException {
            server.stop();
            api.close();
            postgres.close();
        }
    }
}
