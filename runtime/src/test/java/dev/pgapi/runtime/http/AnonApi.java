package dev.pgapi.runtime.http;

import dev.pgapi.runtime.config.RuntimeConfig;
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
}
