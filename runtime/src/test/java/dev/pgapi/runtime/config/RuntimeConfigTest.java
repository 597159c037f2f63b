package dev.pgapi.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {

    private static final String SECRET = "reallyreallyreallyreallyverysafe";

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("pgapi.conf");
        Files.writeString(p, text);
        return p;
    }

    private RuntimeConfig load(String text, Map<String, String> env) throws IOException {
        return RuntimeConfig.load(file(text), env);
    }

    @Test
    void defaults() {
        var c = RuntimeConfig.load(null, Map.of());
        assertThat(c.dbSchemas()).containsExactly("public");
        assertThat(c.dbAnonRole()).isNull();
        assertThat(c.dbPreRequest()).isNull();
        assertThat(c.dbPool()).isEqualTo(10);
        assertThat(c.dbPoolAcquisitionTimeout()).isEqualTo(10);
        assertThat(c.dbPoolMaxLifetime()).isEqualTo(1800);
        assertThat(c.dbPoolMaxIdletime()).isEqualTo(30);
        assertThat(c.dbMaxRows()).isNull();
        assertThat(c.dbExtraSearchPath()).containsExactly("public");
        assertThat(c.dbTxEnd()).isEqualTo(RuntimeConfig.TxEnd.COMMIT);
        assertThat(c.dbPreparedStatements()).isTrue();
        assertThat(c.dbAggregatesEnabled()).isFalse();
        assertThat(c.dbPlanEnabled()).isFalse();
        assertThat(c.dbClaimGucs()).isTrue();
        assertThat(c.dbHoistedTxSettings())
                .containsExactly(
                        "statement_timeout", "plan_filter.statement_cost_limit", "default_transaction_isolation");
        assertThat(c.jwtKeys()).isNull();
        assertThat(c.jwtRoleClaimKey()).hasToString("$.role");
        assertThat(c.jwtCacheMaxEntries()).isEqualTo(1000);
        assertThat(c.serverHost()).isEqualTo("!4");
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.serverPort()).isEqualTo(3000);
        assertThat(c.serverCorsAllowedOrigins()).isEmpty();
        assertThat(c.openapiMode()).isEqualTo(RuntimeConfig.OpenApiMode.FOLLOW_PRIVILEGES);
        assertThat(c.clientErrorVerbosity()).isEqualTo(RuntimeConfig.ErrorVerbosity.VERBOSE);
        assertThat(c.logLevel()).isEqualTo(RuntimeConfig.LogLevel.ERROR);
        assertThat(c.appSettings()).isEmpty();
        assertThat(c.jdbc())
                .isEqualTo(new JdbcTarget("jdbc:postgresql://localhost:5432/?ApplicationName=pgapi", null, null));
    }

    @Test
    void readsPostgrestFile() throws IOException {
        var c = load("""
                # PostgREST's spec configuration
                db-uri = "postgres://authenticator:s3cr%40t@db.example:6543/app?sslmode=require"
                db-schemas = " test , v2"
                db-anon-role = "postgrest_test_anonymous"
                db-pre-request = "test.switch_role"   # trailing comment
                db-pool = 5
                db-max-rows = 100
                db-extra-search-path = ""
                db-tx-end = "rollback-allow-override"
                db-prepared-statements = false
                db-aggregates-enabled = "TRUE"
                db-plan-enabled = true
                jwt-secret = "reallyreallyreallyreallyverysafe"
                jwt-role-claim-key = "$$.postgrest.roles[1]"
                jwt-aud = "https://example.com/api"
                server-host = "*6"
                server-port = 8080
                server-cors-allowed-origins = "https://a.example, https://b.example"
                openapi-mode = "disabled"
                client-error-verbosity = "minimal"
                log-level = "info"
                app.settings.app_host = "localhost"
                app.settings.external_api_secret = "0123456789abcdef"
                server-timing-enabled = true
                server-unix-socket-mode = "660"
                """, Map.of());
        assertThat(c.jdbc())
                .isEqualTo(new JdbcTarget(
                        "jdbc:postgresql://db.example:6543/app?sslmode=require&ApplicationName=pgapi",
                        "authenticator",
                        "s3cr@t"));
        assertThat(c.dbSchemas()).containsExactly("test", "v2");
        assertThat(c.dbAnonRole()).isEqualTo("postgrest_test_anonymous");
        assertThat(c.dbPreRequest()).isEqualTo(new QualifiedName("test", "switch_role"));
        assertThat(c.dbPool()).isEqualTo(5);
        assertThat(c.dbMaxRows()).isEqualTo(100);
        assertThat(c.dbExtraSearchPath()).isEmpty();
        assertThat(c.dbTxEnd()).isEqualTo(RuntimeConfig.TxEnd.ROLLBACK_ALLOW_OVERRIDE);
        assertThat(c.dbTxEnd().rollback()).isTrue();
        assertThat(c.dbTxEnd().allowOverride()).isTrue();
        assertThat(c.dbPreparedStatements()).isFalse();
        assertThat(c.dbAggregatesEnabled()).isTrue();
        assertThat(c.dbPlanEnabled()).isTrue();
        assertThat(c.jwtKeys().size()).isEqualTo(1);
        assertThat(c.jwtRoleClaimKey()).hasToString("$.postgrest.roles[1]");
        assertThat(c.jwtAud()).isEqualTo("https://example.com/api");
        assertThat(c.bindAddress()).isEqualTo("::");
        assertThat(c.serverPort()).isEqualTo(8080);
        assertThat(c.serverCorsAllowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(c.openapiMode()).isEqualTo(RuntimeConfig.OpenApiMode.DISABLED);
        assertThat(c.clientErrorVerbosity()).isEqualTo(RuntimeConfig.ErrorVerbosity.MINIMAL);
        assertThat(c.logLevel()).isEqualTo(RuntimeConfig.LogLevel.INFO);
        assertThat(c.appSettings())
                .containsExactly(
                        Map.entry("app.settings.app_host", "localhost"),
                        Map.entry("app.settings.external_api_secret", "0123456789abcdef"));
        assertThat(c.operations().serverTimingEnabled()).isTrue();
        assertThat(c.ignoredKeys()).containsExactly("server-unix-socket-mode");
    }

    @Test
    void hoistedTxSettingsAreACommaListThatMayBeEmpty() throws IOException {
        assertThat(load("db-hoisted-tx-settings = \"work_mem, statement_timeout\"\n", Map.of())
                        .dbHoistedTxSettings())
                .containsExactly("work_mem", "statement_timeout");
        assertThat(load("", Map.of("PGRST_DB_HOISTED_TX_SETTINGS", "")).dbHoistedTxSettings())
                .isEmpty();
    }

    @Test
    void fileSyntax() throws IOException {
        var c = load("""
                app.settings {
                  quoted = "a \\"b\\" \\\\ \\n \\u00e9"
                  dollar = "costs $$5"
                  host = "h"
                  url = "http://$(host)/x"
                  fromEnv = "$(HOME_DIR)"
                  number = -1.5
                  on = on
                }
                """, Map.of("HOME_DIR", "/home/u"));
        assertThat(c.appSettings())
                .containsEntry("app.settings.quoted", "a \"b\" \\ \n é")
                .containsEntry("app.settings.dollar", "costs $5")
                .containsEntry("app.settings.url", "http://h/x")
                .containsEntry("app.settings.fromEnv", "/home/u")
                .containsEntry("app.settings.number", "-1.5")
                .containsEntry("app.settings.on", "true");
    }

    @Test
    void fileSyntaxErrors() {
        assertThatThrownBy(() -> load("db-anon-role = anon\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(":1: expected a quoted string, a number or a boolean");
        assertThatThrownBy(() -> load("\njwt-role-claim-key = \"$.role\"\n", Map.of()))
                .hasMessageContaining(":2: a '$' in a string must be written '$$'");
        assertThatThrownBy(() -> load("db-uri = \"x\n", Map.of())).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> load("x = \"$(NOPE)\"", Map.of())).hasMessageContaining("no such variable: 'NOPE'");
        assertThatThrownBy(() -> RuntimeConfig.load(dir.resolve("missing.conf"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void environmentOverridesFile() throws IOException {
        var c = load(
                """
                db-anon-role = "web_anon"
                server-port = 3000
                app.settings.jwt_secret = "from file"
                app.settings.other = "kept"
                """,
                Map.of(
                        "PGRST_DB_ANON_ROLE",
                        "anon2",
                        "PGRST_SERVER_PORT",
                        "4000",
                        "PGRST_APP_SETTINGS_jwt_secret",
                        "from env",
                        "PGRST_APP_SETTINGS_Mixed_Case",
                        "x",
                        "PGRST_JWT_ROLE_CLAIM_KEY",
                        "$.role",
                        "PGRST_SERVER_UNIX_SOCKET_MODE",
                        "660",
                        "HOME",
                        "/root"));
        assertThat(c.dbAnonRole()).isEqualTo("anon2");
        assertThat(c.serverPort()).isEqualTo(4000);
        assertThat(c.jwtRoleClaimKey()).hasToString("$.role");
        assertThat(c.appSettings())
                .containsExactly(
                        Map.entry("app.settings.Mixed_Case", "x"),
                        Map.entry("app.settings.jwt_secret", "from env"),
                        Map.entry("app.settings.other", "kept"));
        assertThat(c.ignoredKeys()).containsExactly("PGRST_SERVER_UNIX_SOCKET_MODE");
    }

    @Test
    void maximumBodySizeDefaultsToTenMebibytes() throws IOException {
        assertThat(RuntimeConfig.load(null, Map.of()).serverMaxBodySize()).isEqualTo(10 * 1024 * 1024);
        assertThat(load("server-max-body-size = 2048", Map.of()).serverMaxBodySize())
                .isEqualTo(2048);
        assertThatThrownBy(() -> load("server-max-body-size = \"lots\"", Map.of()))
                .hasMessageContaining("server-max-body-size");
    }

    @Test
    void httpLimitsHaveDefaultsAndAreBounded() throws IOException {
        assertThat(RuntimeConfig.load(null, Map.of()).httpLimits()).isEqualTo(new HttpLimits(16384, 16384, 30));
        assertThat(load(
                                "server-max-request-line-size = 65536\nserver-max-header-size = 32768\n"
                                        + "server-header-timeout = 0",
                                Map.of())
                        .httpLimits())
                .isEqualTo(new HttpLimits(65536, 32768, 0));
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_SERVER_HEADER_TIMEOUT", "5"))
                        .httpLimits()
                        .headerTimeoutSeconds())
                .isEqualTo(5);
        assertThatThrownBy(() -> load("server-max-request-line-size = 10\nserver-header-timeout = -1", Map.of()))
                .hasMessageContaining("server-max-request-line-size: \"10\" must be at least 256")
                .hasMessageContaining("server-header-timeout: \"-1\" must be at least 0");
    }

    @Test
    void emptyValuesCountAsUnset() {
        var c = RuntimeConfig.load(null, Map.of("PGRST_DB_ANON_ROLE", "", "PGRST_DB_POOL", "", "PGRST_DB_SCHEMAS", ""));
        assertThat(c.dbAnonRole()).isNull();
        assertThat(c.dbPool()).isEqualTo(10);
        assertThat(c.dbSchemas()).containsExactly("public");
    }

    @Test
    void aliases() throws IOException {
        var c = load(
                """
                db-schema = "api"
                pre-request = "check"
                max-rows = 7
                db-pool-timeout = 12
                secret-is-base64 = true
                jwt-secret = "%s"
                role-claim-key = ".roles[0]"
                """.formatted(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))), Map.of());
        assertThat(c.dbSchemas()).containsExactly("api");
        assertThat(c.dbPreRequest()).isEqualTo(new QualifiedName(null, "check"));
        assertThat(c.dbMaxRows()).isEqualTo(7);
        assertThat(c.dbPoolMaxIdletime()).isEqualTo(12);
        assertThat(c.jwtKeys().size()).isEqualTo(1);
        assertThat(c.jwtRoleClaimKey()).hasToString(".roles[0]");

        var primaryWins = RuntimeConfig.load(
                null, Map.of("PGRST_DB_SCHEMAS", "a", "PGRST_DB_SCHEMA", "b", "PGRST_DB_POOL_MAX_IDLETIME", "5"));
        assertThat(primaryWins.dbSchemas()).containsExactly("a");
        assertThat(primaryWins.dbPoolMaxIdletime()).isEqualTo(5);
    }

    @Test
    void booleansLikePostgrest() {
        for (String t : new String[] {"true", "TRUE", "True", "\"tRuE\"", "1", "42"}) {
            assertThat(RuntimeConfig.load(null, Map.of("PGRST_DB_AGGREGATES_ENABLED", t))
                            .dbAggregatesEnabled())
                    .as(t)
                    .isTrue();
        }
        for (String f : new String[] {"false", "FALSE", "0", "-3"}) {
            assertThat(RuntimeConfig.load(null, Map.of("PGRST_DB_PREPARED_STATEMENTS", f))
                            .dbPreparedStatements())
                    .as(f)
                    .isFalse();
        }
    }

    @Test
    void serverHostPreferences() {
        for (String h : new String[] {"*", "*4", "!4"}) {
            assertThat(RuntimeConfig.load(null, Map.of("PGRST_SERVER_HOST", h)).bindAddress())
                    .isEqualTo("0.0.0.0");
        }
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_SERVER_HOST", "!6")).bindAddress())
                .isEqualTo("::");
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_SERVER_HOST", "127.0.0.1"))
                        .bindAddress())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void secretFromFile() throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        var c = RuntimeConfig.load(null, Map.of("PGRST_JWT_SECRET", "@" + secret));
        assertThat(c.jwtKeys().size()).isEqualTo(1);
        // only one newline is stripped: 31 characters plus a newline is too short
        Files.writeString(secret, SECRET.substring(1) + "\n");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_JWT_SECRET", "@" + secret)))
                .hasMessage("jwt-secret: The JWT secret must be at least 32 characters long.");
    }

    @Test
    void dbUriFromFile() throws IOException {
        Path uri = dir.resolve("uri");
        Files.writeString(uri, "  postgresql://u@h/d\n");
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_DB_URI", "@" + uri)).jdbc())
                .isEqualTo(new JdbcTarget("jdbc:postgresql://h:5432/d?ApplicationName=pgapi", "u", null));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("PGRST_DB_TX_END", "sometimes"),
                Map.entry("PGRST_JWT_SECRET", "short"),
                Map.entry("PGRST_SERVER_PORT", "abc"),
                Map.entry("PGRST_DB_POOL", "0"),
                Map.entry("PGRST_DB_MAX_ROWS", "1.5"),
                Map.entry("PGRST_DB_PREPARED_STATEMENTS", "maybe"),
                Map.entry("PGRST_OPENAPI_MODE", "on"),
                Map.entry("PGRST_CLIENT_ERROR_VERBOSITY", "loud"),
                Map.entry("PGRST_LOG_LEVEL", "trace"),
                Map.entry("PGRST_DB_SCHEMAS", "api, pg_catalog"),
                Map.entry("PGRST_JWT_AUD", "not a uri:really"),
                Map.entry("PGRST_JWT_ROLE_CLAIM_KEY", "role"),
                Map.entry("PGRST_DB_URI", "nonsense"));
        assertThatThrownBy(() -> RuntimeConfig.load(null, env))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "db-uri: not a postgresql:// URI nor a key=value connection string",
                                        "db-schemas does not allow schema: 'pg_catalog'",
                                        "db-pool: \"0\" must be at least 1",
                                        "db-max-rows: \"1.5\" is not a number",
                                        "db-tx-end: \"sometimes\" is not one of commit, commit-allow-override, rollback, rollback-allow-override",
                                        "db-prepared-statements: \"maybe\" is not a boolean",
                                        "jwt-secret: The JWT secret must be at least 32 characters long.",
                                        "jwt-aud: \"not a uri:really\" should be a string or a valid URI",
                                        "jwt-role-claim-key: invalid role claim key \"role\" at position 1: expected '$'",
                                        "server-port: \"abc\" is not a number",
                                        "openapi-mode: \"on\" is not one of follow-privileges, ignore-privileges, disabled",
                                        "client-error-verbosity: \"loud\" is not one of verbose, minimal",
                                        "log-level: \"trace\" is not one of crit, error, warn, info, debug"))
                .hasMessageStartingWith(
                        "db-uri: not a postgresql:// URI nor a key=value connection string\ndb-schemas");
    }

    @Test
    void operationsKeysHavePostgrestsDefaults() {
        var ops = RuntimeConfig.load(null, Map.of()).operations();
        assertThat(ops.adminServerPort()).isNull();
        assertThat(ops.logQuery()).isFalse();
        assertThat(ops.serverTimingEnabled()).isFalse();
        assertThat(ops.shutdownWaitPeriod()).isZero();
        assertThat(ops.shutdownTimeout()).isEqualTo(5);
        var set = RuntimeConfig.load(
                        null,
                        Map.of(
                                "PGRST_ADMIN_SERVER_PORT",
                                "3001",
                                "PGRST_SERVER_HOST",
                                "127.0.0.1",
                                "PGRST_LOG_QUERY",
                                "main-query",
                                "PGRST_SERVER_SHUTDOWN_WAIT_PERIOD",
                                "3",
                                "PGRST_SERVER_SHUTDOWN_TIMEOUT",
                                "30"))
                .operations();
        assertThat(set.adminServerPort()).isEqualTo(3001);
        assertThat(set.adminBindAddress()).isEqualTo("127.0.0.1");
        assertThat(set.logQuery()).isTrue();
        assertThat(set.shutdownWaitPeriod()).isEqualTo(3);
        assertThat(set.shutdownTimeout()).isEqualTo(30);
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_ADMIN_SERVER_HOST", "*6"))
                        .operations()
                        .adminBindAddress())
                .isEqualTo("::");
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_LOG_QUERY", "disabled"))
                        .operations()
                        .logQuery())
                .isFalse();
    }

    @Test
    void tracingIsOffByDefaultAndReadsItsOwnKeys() {
        assertThat(RuntimeConfig.load(null, Map.of()).operations().tracing())
                .isEqualTo(new TracingConfig(false, "http://localhost:4318", "pgapi", false));
        assertThat(RuntimeConfig.load(
                                null,
                                Map.of(
                                        "PGRST_OTEL_ENABLED",
                                        "true",
                                        "PGRST_OTEL_EXPORTER_OTLP_ENDPOINT",
                                        "http://collector:4318",
                                        "PGRST_OTEL_SERVICE_NAME",
                                        "books",
                                        "PGRST_OTEL_DB_STATEMENT",
                                        "true"))
                        .operations()
                        .tracing())
                .isEqualTo(new TracingConfig(true, "http://collector:4318", "books", true));
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_OTEL_ENABLED", "yes")))
                .hasMessage("otel-enabled: \"yes\" is not a boolean");
    }

    @Test
    void theAdminServerNeedsAPortOfItsOwn() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_ADMIN_SERVER_PORT", "3000")))
                .hasMessage("admin-server-port cannot be the same as server-port");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_ADMIN_SERVER_PORT", "70000")))
                .hasMessage("admin-server-port: \"70000\" is not a valid port number");
        // two ports picked at random do not collide
        assertThat(RuntimeConfig.load(null, Map.of("PGRST_SERVER_PORT", "0", "PGRST_ADMIN_SERVER_PORT", "0"))
                        .operations()
                        .adminServerPort())
                .isZero();
    }

    @Test
    void otherSecretProblems() {
        assertThatThrownBy(() -> RuntimeConfig.load(
                        null, Map.of("PGRST_JWT_SECRET", "!!!", "PGRST_JWT_SECRET_IS_BASE64", "true")))
                .hasMessageStartingWith("jwt-secret: invalid base64");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_JWT_SECRET", "{\"kty\":\"XYZ\"}")))
                .hasMessage("jwt-secret: unsupported JWK key type \"XYZ\"");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_JWT_SECRET", "{\"keys\":[{\"kty\":\"oct\"}]}")))
                .hasMessage("jwt-secret: JWKS key #1: JWK is missing 'k'");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_SERVER_PORT", "70000")))
                .hasMessage("server-port: \"70000\" is not a valid port number");
    }

    @Test
    void dbUriConversions() {
        Map<String, String> none = Map.of();
        assertThat(DbUri.toJdbc(
                        "postgresql://u:p%20w@h1:5433,h2/db%2Fx?application_name=svc&connect_timeout=3&target_session_attrs=read-write",
                        none, false))
                .isEqualTo(new JdbcTarget(
                        "jdbc:postgresql://h1:5433,h2:5432/db%2Fx?ApplicationName=svc&connectTimeout=3&targetServerType=primary",
                        "u", "p w"));
        assertThat(DbUri.toJdbc("postgres://[::1]:6000/db", none, false).url())
                .isEqualTo("jdbc:postgresql://[::1]:6000/db?ApplicationName=pgapi");
        assertThat(DbUri.toJdbc(
                        "postgresql:///db?host=db.local&port=7000&user=me&fallback_application_name=x", none, false))
                .isEqualTo(new JdbcTarget("jdbc:postgresql://db.local:7000/db?ApplicationName=x", "me", null));
        assertThat(DbUri.toJdbc(
                        "host=localhost port=5432 dbname=app user=authenticator password='it\\'s ok' sslmode=disable",
                        none,
                        false))
                .isEqualTo(new JdbcTarget(
                        "jdbc:postgresql://localhost:5432/app?sslmode=disable&ApplicationName=pgapi",
                        "authenticator",
                        "it's ok"));
        assertThat(DbUri.toJdbc(
                        "postgresql://",
                        Map.of("PGHOST", "pg", "PGPORT", "5444", "PGDATABASE", "d", "PGUSER", "u", "PGPASSWORD", "p"),
                        false))
                .isEqualTo(new JdbcTarget("jdbc:postgresql://pg:5444/d?ApplicationName=pgapi", "u", "p"));
        assertThatThrownBy(() -> DbUri.toJdbc("postgresql://%2Fvar%2Frun%2Fpostgresql/db", none, false))
                .hasMessageContaining("Unix-domain socket");
        assertThatThrownBy(() -> DbUri.toJdbc("host=x password='open", none, false))
                .hasMessage("unterminated quoted string");
    }

    @Test
    void severalHostsInDbUriLookForTheWritablePrimaryUnlessTheUriSaysOtherwise() {
        assertThat(DbUri.toJdbc("postgresql://a,b:5433/db", Map.of(), true).url())
                .isEqualTo(
                        "jdbc:postgresql://a:5432,b:5433/db?targetServerType=primary&hostRecheckSeconds=1&ApplicationName=pgapi");
        assertThat(DbUri.toJdbc("postgresql://a,b/db?target_session_attrs=any", Map.of(), true)
                        .url())
                .isEqualTo(
                        "jdbc:postgresql://a:5432,b:5432/db?targetServerType=any&hostRecheckSeconds=1&ApplicationName=pgapi");
        assertThat(DbUri.toJdbc("postgresql://a/db", Map.of(), true).url())
                .isEqualTo("jdbc:postgresql://a:5432/db?ApplicationName=pgapi");
    }

    @Test
    void readReplicasAreAListOfUrisThatBorrowThePrimarysCredentials() {
        RuntimeConfig config = RuntimeConfig.load(
                null,
                Map.of(
                        "PGRST_DB_URI", "postgres://auth:secret@primary/app",
                        "PGRST_DB_READ_URIS", "postgres://r1:5433/app, postgresql://other:pw@r2a,r2b/app",
                        "PGRST_DB_READ_MAX_LAG", "3",
                        "PGUSER", "ignored"));
        assertThat(config.dbReadReplicas().maxLagSeconds()).isEqualTo(3);
        assertThat(config.dbReadReplicas().targets())
                .containsExactly(
                        new JdbcTarget("jdbc:postgresql://r1:5433/app?ApplicationName=pgapi", "auth", "secret"),
                        new JdbcTarget("jdbc:postgresql://r2a:5432,r2b:5432/app?ApplicationName=pgapi", "other", "pw"));
        assertThat(RuntimeConfig.load(null, Map.of()).dbReadReplicas()).isEqualTo(ReadReplicas.NONE);
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_DB_READ_URIS", "host=r1")))
                .hasMessageContaining("db-read-uris: \"host=r1\" is not a postgresql:// URI");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("PGRST_DB_READ_MAX_LAG", "0")))
                .hasMessageContaining("db-read-max-lag: \"0\" must be at least 1");
    }
}
