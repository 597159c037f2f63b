package dev.pgapi.runtime;

import dev.pgapi.runtime.http.ApiEndpoints;
import dev.pgapi.runtime.http.ApiRuntime;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import io.helidon.webserver.http.HttpFeature;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** A small API shaped like generated code, for tests that start a whole {@link PgapiServer}. */
final class TestApi {

    static final RelationInfo ITEMS = new RelationInfo(
            "api",
            "items",
            List.of(
                    new ColumnInfo("id", "integer", ValueKind.INTEGER, false, false),
                    new ColumnInfo("name", "text", ValueKind.TEXT, true, false)),
            List.of("id"),
            true,
            true,
            true);
    /** {@code api.slow()} sleeps four seconds, then returns 1. */
    static final List<FunctionInfo> SLOW = List.of(new FunctionInfo(
            "api",
            "slow",
            List.of(),
            FunctionInfo.ReturnShape.SCALAR,
            "integer",
            FunctionInfo.Volatility.STABLE,
            List.of(),
            Map.of()));

    private TestApi() {}

    static void createSchema(DataSource postgres) throws SQLException {
        try (Connection c = postgres.getConnection()) {
            c.createStatement().execute("""
                    create role authenticator login noinherit;
                    create role anon nologin;
                    create role member nologin;
                    grant anon, member to authenticator;
                    create schema api;
                    grant usage on schema api to anon, member;
                    create table api.items (id int primary key, name text);
                    insert into api.items values (1, 'one'), (2, 'two');
                    grant select on api.items to anon, member;
                    create function api.slow() returns int language sql stable
                      as $$ select pg_sleep(4); select 1 $$;
                    grant execute on function api.slow() to anon;
                    """);
        }
    }

    static HttpFeature feature(ApiRuntime api) {
        return routing -> {
            ApiEndpoints endpoints = api.endpoints(List.of(ITEMS), List.of(SLOW));
            routing.addFilter(api.filter());
            routing.register(
                    "/items", rules -> rules.get("/", endpoints.handlers(ITEMS).read()));
            routing.register(
                    "/rpc/slow",
                    rules -> rules.get("/", endpoints.handlers(SLOW).call())
                            .post("/", endpoints.handlers(SLOW).call()));
            endpoints.fallbacks(routing);
        };
    }
}
