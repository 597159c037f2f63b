package dev.pgapi.runtime.config;

import dev.pgapi.runtime.auth.JwksSource;
import dev.pgapi.runtime.auth.JwtKeySet;
import dev.pgapi.runtime.auth.JwtSettings;
import dev.pgapi.runtime.auth.RoleClaimPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The effective configuration of a service, read like PostgREST reads its own: a configuration file overridden by
 * {@code PGRST_*} environment variables, with PostgREST's key names, aliases and defaults.
 *
 * <p>Unset optional values are {@code null}. {@code jwtKeys} is null when {@code jwt-secret} is unset.
 * {@code appSettings} is keyed by the full setting name ({@code app.settings.foo}).
 *
 * @param dbClaimGucs ours: also set the legacy per-claim {@code request.jwt.claim.<name>} settings
 * @param dbReadReplicas ours: replicas for read-only requests ({@code db-read-uris}); {@link ReadReplicas#NONE} if unset
 * @param jwtJwks     ours: keys fetched from an identity provider ({@code jwt-jwks-url} / {@code jwt-oidc-issuer}),
 *                    used together with {@code jwt-secret}; null when neither is set
 * @param serverMaxBodySize ours: the largest request body in bytes; larger ones are answered with 413
 * @param httpLimits  ours: bounds on the request line, the headers and the time to send them
 * @param operations  the admin server, query logging, {@code Server-Timing}, shutdown and tracing keys
 * @param reload      in-database configuration and the reload channel
 * @param ignoredKeys keys (or {@code PGRST_*} variables) present but not used, for a debug log line
 */
public record RuntimeConfig(
        JdbcTarget jdbc,
        List<String> dbSchemas,
        String dbAnonRole,
        QualifiedName dbPreRequest,
        int dbPool,
        int dbPoolAcquisitionTimeout,
        int dbPoolMaxLifetime,
        int dbPoolMaxIdletime,
        Integer dbMaxRows,
        List<String> dbExtraSearchPath,
        TxEnd dbTxEnd,
        boolean dbPreparedStatements,
        boolean dbAggregatesEnabled,
        boolean dbPlanEnabled,
        boolean dbClaimGucs,
        List<String> dbHoistedTxSettings,
        ReadReplicas dbReadReplicas,
        JwtKeySet jwtKeys,
        String jwtAud,
        RoleClaimPath jwtRoleClaimKey,
        int jwtCacheMaxEntries,
        JwksSource jwtJwks,
        String serverHost,
        int serverPort,
        int serverMaxBodySize,
        List<String> serverCorsAllowedOrigins,
        HttpLimits httpLimits,
        OpenApiMode openapiMode,
        boolean urlUseLegacyTargetNames,
        ErrorVerbosity clientErrorVerbosity,
        LogLevel logLevel,
        OperationsConfig operations,
        ReloadConfig reload,
        SortedMap<String, String> appSettings,
        List<String> ignoredKeys) {

    private static final String APP_SETTINGS = "app.settings.";
    /** PostgREST's default {@code db-hoisted-tx-settings}. */
    private static final List<String> DEFAULT_HOISTED =
            List.of("statement_timeout", "plan_filter.statement_cost_limit", "default_transaction_isolation");

    private static final String APP_SETTINGS_ENV = "PGRST_APP_SETTINGS_";

    public RuntimeConfig {
        dbSchemas = List.copyOf(dbSchemas);
        dbExtraSearchPath = List.copyOf(dbExtraSearchPath);
        dbHoistedTxSettings = List.copyOf(dbHoistedTxSettings);
        serverCorsAllowedOrigins = List.copyOf(serverCorsAllowedOrigins);
        appSettings = Collections.unmodifiableSortedMap(new TreeMap<>(appSettings));
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    /** {@code db-tx-end}. */
    public enum TxEnd {
        COMMIT,
        COMMIT_ALLOW_OVERRIDE,
        ROLLBACK,
        ROLLBACK_ALLOW_OVERRIDE;

        public boolean rollback() {
            return this == ROLLBACK || this == ROLLBACK_ALLOW_OVERRIDE;
        }

        /** Whether {@code Prefer: tx=commit|rollback} is honoured. */
        public boolean allowOverride() {
            return this == COMMIT_ALLOW_OVERRIDE || this == ROLLBACK_ALLOW_OVERRIDE;
        }
    }

    /** {@code openapi-mode}. */
    public enum OpenApiMode {
        FOLLOW_PRIVILEGES,
        IGNORE_PRIVILEGES,
        DISABLED
    }

    /** {@code client-error-verbosity}. */
    public enum ErrorVerbosity {
        VERBOSE,
        MINIMAL
    }

    /** {@code log-level}. */
    public enum LogLevel {
        CRIT,
        ERROR,
        WARN,
        INFO,
        DEBUG
    }

    /** What the token verifier needs. */
    public JwtSettings jwt() {
        return new JwtSettings(jwtKeys, jwtJwks, dbAnonRole, jwtAud, jwtRoleClaimKey, jwtCacheMaxEntries);
    }

    /** The address to bind: PostgREST's host preferences {@code *}, {@code *4}, {@code !4} (any IPv4) and
     *  {@code *6}, {@code !6} (any IPv6) become wildcard addresses; anything else is a host name or address. */
    public String bindAddress() {
        return bindAddress(serverHost);
    }

    static String bindAddress(String host) {
        return switch (host) {
            case "*", "*4", "!4" -> "0.0.0.0";
            case "*6", "!6" -> "::";
            default -> host;
        };
    }

    /**
     * Reads the configuration file (if any) and the {@code PGRST_*} entries of {@code env}, which win.
     *
     * @throws ConfigException listing every problem found
     */
    public static RuntimeConfig load(Path fileOrNull, Map<String, String> env) {
        return load(fileOrNull, env, Map.of());
    }

    /**
     * Like {@link #load(Path, Map)}, with the in-database settings ({@code db-config}) winning over both.
     *
     * @param database settings by key name ({@code jwt-secret}), as read from the authenticator's {@code pgrst.*}
     *                 settings and {@code db-pre-config}
     */
    public static RuntimeConfig load(Path fileOrNull, Map<String, String> env, Map<String, String> database) {
        Map<String, String> file = Map.of();
        if (fileOrNull != null) {
            file = ConfigFile.parse(read(fileOrNull, "config file"), fileOrNull.toString(), env);
        }
        return new Reader(file, env, database).config();
    }

    /**
     * What a reload takes from {@code fresh}: everything a request uses, while what was set up at startup (the pool,
     * the listeners, the admin server, shutdown, tracing, logging, the reload channel) stays as it is.
     */
    public RuntimeConfig reloadedWith(RuntimeConfig fresh) {
        var ops = new OperationsConfig(
                operations.adminServerPort(),
                operations.adminServerHost(),
                fresh.operations.logQuery(),
                fresh.operations.serverTimingEnabled(),
                operations.shutdownWaitPeriod(),
                operations.shutdownTimeout(),
                operations.tracing());
        return new RuntimeConfig(
                jdbc,
                fresh.dbSchemas,
                fresh.dbAnonRole,
                fresh.dbPreRequest,
                dbPool,
                dbPoolAcquisitionTimeout,
                dbPoolMaxLifetime,
                dbPoolMaxIdletime,
                fresh.dbMaxRows,
                fresh.dbExtraSearchPath,
                fresh.dbTxEnd,
                dbPreparedStatements,
                fresh.dbAggregatesEnabled,
                fresh.dbPlanEnabled,
                fresh.dbClaimGucs,
                fresh.dbHoistedTxSettings,
                dbReadReplicas,
                fresh.jwtKeys,
                fresh.jwtAud,
                fresh.jwtRoleClaimKey,
                fresh.jwtCacheMaxEntries,
                fresh.jwtJwks,
                serverHost,
                serverPort,
                fresh.serverMaxBodySize,
                fresh.serverCorsAllowedOrigins,
                httpLimits,
                fresh.openapiMode,
                fresh.urlUseLegacyTargetNames,
                fresh.clientErrorVerbosity,
                logLevel,
                ops,
                reload,
                fresh.appSettings,
                fresh.ignoredKeys);
    }

    /** The keys {@code fresh} changes that only a restart applies (see {@link #reloadedWith}). */
    public List<String> restartNeededFor(RuntimeConfig fresh) {
        var keys = new ArrayList<String>();
        if (!java.util.Objects.equals(jdbc, fresh.jdbc)) {
            keys.add("db-uri");
        }
        if (dbPool != fresh.dbPool
                || dbPoolAcquisitionTimeout != fresh.dbPoolAcquisitionTimeout
                || dbPoolMaxLifetime != fresh.dbPoolMaxLifetime
                || dbPoolMaxIdletime != fresh.dbPoolMaxIdletime) {
            keys.add("db-pool*");
        }
        if (!dbReadReplicas.equals(fresh.dbReadReplicas)) {
            keys.add("db-read-uris/db-read-max-lag");
        }
        if (dbPreparedStatements != fresh.dbPreparedStatements) {
            keys.add("db-prepared-statements");
        }
        if (!serverHost.equals(fresh.serverHost) || serverPort != fresh.serverPort) {
            keys.add("server-host/server-port");
        }
        if (!httpLimits.equals(fresh.httpLimits)) {
            keys.add("server-max-request-line-size/server-max-header-size/server-header-timeout");
        }
        if (logLevel != fresh.logLevel) {
            keys.add("log-level");
        }
        if (!java.util.Objects.equals(operations.adminServerPort(), fresh.operations.adminServerPort())
                || !operations.adminServerHost().equals(fresh.operations.adminServerHost())) {
            keys.add("admin-server-port/admin-server-host");
        }
        if (operations.shutdownWaitPeriod() != fresh.operations.shutdownWaitPeriod()
                || operations.shutdownTimeout() != fresh.operations.shutdownTimeout()) {
            keys.add("server-shutdown-*");
        }
        if (!operations.tracing().equals(fresh.operations.tracing())) {
            keys.add("otel-*");
        }
        if (!reload.equals(fresh.reload)) {
            keys.add("db-config/db-pre-config/db-channel/db-channel-enabled");
        }
        return keys;
    }

    private static String read(Path path, String what) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + what + " " + path + ": " + e.getMessage());
        }
    }

    /**
     * Looks values up (the database's settings first, then the environment, then the file; primary key, then
     * alias) and collects problems.
     */
    private static final class Reader {
        private final Map<String, String> file;
        private final Map<String, String> env;
        private final Map<String, String> database;
        private final Set<String> used = new HashSet<>();
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> file, Map<String, String> env, Map<String, String> database) {
            this.file = file;
            this.env = env;
            this.database = database;
        }

        RuntimeConfig config() {
            JdbcTarget jdbc = jdbc();
            List<String> schemas = schemas();
            String anon = string("db-anon-role");
            String preRequest = string("db-pre-request", "pre-request");
            int pool = integer(10, 1, "db-pool");
            int acquisition = integer(10, 1, "db-pool-acquisition-timeout");
            int lifetime = integer(1800, 0, "db-pool-max-lifetime");
            // PostgREST reads the old name first.
            int idle = integer(30, 0, "db-pool-timeout", "db-pool-max-idletime");
            Integer maxRows = optionalInteger(0, "db-max-rows", "max-rows");
            String extra = raw(true, "db-extra-search-path");
            TxEnd txEnd = choice(TxEnd.class, TxEnd.COMMIT, "db-tx-end");
            boolean prepared = bool(true, "db-prepared-statements");
            boolean aggregates = bool(false, "db-aggregates-enabled");
            boolean plans = bool(false, "db-plan-enabled");
            boolean claimGucs = bool(true, "db-claim-gucs");
            String hoisted = raw(true, "db-hoisted-tx-settings");
            ReadReplicas replicas = readReplicas(jdbc);
            JwtKeySet keys = jwtKeys();
            String aud = jwtAud();
            RoleClaimPath roleKey = roleClaimKey();
            int cacheEntries = integer(1000, 0, "jwt-cache-max-entries");
            JwksSource jwks = jwks();
            String host = string("server-host");
            int port = integer(3000, 0, "server-port");
            if (port > 65535) {
                problems.add("server-port: \"" + port + "\" is not a valid port number");
            }
            // ours: PostgREST reads bodies without a limit
            int maxBody = integer(10 * 1024 * 1024, 0, "server-max-body-size");
            String cors = string("server-cors-allowed-origins");
            HttpLimits httpLimits = httpLimits();
            OpenApiMode openapi = choice(OpenApiMode.class, OpenApiMode.FOLLOW_PRIVILEGES, "openapi-mode");
            boolean legacyTargetNames = bool(true, "url-use-legacy-target-names");
            ErrorVerbosity verbosity = choice(ErrorVerbosity.class, ErrorVerbosity.VERBOSE, "client-error-verbosity");
            LogLevel logLevel = choice(LogLevel.class, LogLevel.ERROR, "log-level");
            OperationsConfig operations = operations(port, host == null ? "!4" : host);
            ReloadConfig reload = reload();
            SortedMap<String, String> appSettings = appSettings();

            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new RuntimeConfig(
                    jdbc,
                    schemas,
                    anon,
                    preRequest == null ? null : QualifiedName.parse(preRequest),
                    pool,
                    acquisition,
                    lifetime,
                    idle,
                    maxRows,
                    extra == null ? List.of("public") : splitEmptyable(extra),
                    txEnd,
                    prepared,
                    aggregates,
                    plans,
                    claimGucs,
                    hoisted == null ? DEFAULT_HOISTED : splitEmptyable(hoisted),
                    replicas,
                    keys,
                    aud,
                    roleKey,
                    cacheEntries,
                    jwks,
                    host == null ? "!4" : host,
                    port,
                    maxBody,
                    cors == null ? List.of() : split(cors),
                    httpLimits,
                    openapi,
                    legacyTargetNames,
                    verbosity,
                    logLevel,
                    operations,
                    reload,
                    appSettings,
                    ignored());
        }

        /** Ours: Helidon's default request line (4 KiB) is raised, as PostgREST's server takes long URLs. */
        private HttpLimits httpLimits() {
            return new HttpLimits(
                    integer(HttpLimits.DEFAULT_MAX_REQUEST_LINE_SIZE, 256, "server-max-request-line-size"),
                    integer(HttpLimits.DEFAULT_MAX_HEADER_SIZE, 1024, "server-max-header-size"),
                    integer(HttpLimits.DEFAULT_HEADER_TIMEOUT_SECONDS, 0, "server-header-timeout"));
        }

        private OperationsConfig operations(int serverPort, String serverHost) {
            Integer adminPort = optionalInteger(0, "admin-server-port");
            if (adminPort != null && adminPort > 65535) {
                problems.add("admin-server-port: \"" + adminPort + "\" is not a valid port number");
            }
            // PostgREST's check; two random ports (0) cannot collide
            if (adminPort != null && adminPort == serverPort && serverPort != 0) {
                problems.add("admin-server-port cannot be the same as server-port");
            }
            String adminHost = string("admin-server-host");
            return new OperationsConfig(
                    adminPort,
                    adminHost == null ? serverHost : adminHost,
                    logQuery(),
                    bool(false, "server-timing-enabled"),
                    integer(0, 0, "server-shutdown-wait-period"),
                    integer(5, 0, "server-shutdown-timeout"),
                    tracing());
        }

        private ReloadConfig reload() {
            String preConfig = string("db-pre-config");
            String channel = string("db-channel");
            return new ReloadConfig(
                    bool(true, "db-config"),
                    preConfig == null ? null : QualifiedName.parse(preConfig),
                    channel == null ? "pgrst" : channel,
                    bool(true, "db-channel-enabled"));
        }

        /** Ours: PostgREST has no tracing. */
        private TracingConfig tracing() {
            String endpoint = string("otel-exporter-otlp-endpoint");
            String serviceName = string("otel-service-name");
            return new TracingConfig(
                    bool(false, "otel-enabled"),
                    endpoint == null ? TracingConfig.DEFAULT_ENDPOINT : endpoint,
                    serviceName == null ? TracingConfig.DEFAULT_SERVICE_NAME : serviceName,
                    bool(false, "otel-db-statement"));
        }

        /** A boolean, or PostgREST 13's {@code main-query} / {@code disabled}. */
        private boolean logQuery() {
            String v = string("log-query");
            if ("main-query".equals(v) || "disabled".equals(v)) {
                return v.equals("main-query");
            }
            return bool(false, "log-query");
        }

        /**
         * The first non-empty value among {@code keys}; for each key the database's setting wins over the environment
         * variable, which wins over the file.
         */
        private String raw(boolean emptyAllowed, String... keys) {
            for (String key : keys) {
                used.add(key);
                String envName = "PGRST_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
                used.add(envName);
                String v = database.containsKey(key)
                        ? database.get(key)
                        : env.containsKey(envName) ? env.get(envName) : file.get(key);
                if (v != null && (emptyAllowed || !v.isEmpty())) {
                    return v;
                }
            }
            return null;
        }

        private String string(String... keys) {
            return raw(false, keys);
        }

        private int integer(int dflt, int min, String... keys) {
            Integer v = optionalInteger(min, keys);
            return v == null ? dflt : v;
        }

        private Integer optionalInteger(int min, String... keys) {
            String v = string(keys);
            if (v == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(v.strip());
                if (n < min) {
                    problems.add(keys[0] + ": \"" + v + "\" must be at least " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(keys[0] + ": \"" + v + "\" is not a number");
                return null;
            }
        }

        /** Like PostgREST: true/false in any case (quoted or not), or a number where > 0 means true. */
        private boolean bool(boolean dflt, String... keys) {
            String v = string(keys);
            if (v == null) {
                return dflt;
            }
            String letters = v.chars()
                    .filter(Character::isLetter)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            if (letters.equalsIgnoreCase("true") || letters.equalsIgnoreCase("false")) {
                return letters.equalsIgnoreCase("true");
            }
            try {
                return new java.math.BigInteger(v.strip()).signum() > 0;
            } catch (NumberFormatException e) {
                problems.add(keys[0] + ": \"" + v + "\" is not a boolean");
                return dflt;
            }
        }

        private <E extends Enum<E>> E choice(Class<E> type, E dflt, String key) {
            String v = string(key);
            if (v == null) {
                return dflt;
            }
            for (E e : type.getEnumConstants()) {
                if (configName(e).equals(v)) {
                    return e;
                }
            }
            problems.add(key + ": \"" + v + "\" is not one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Reader::configName)
                            .collect(Collectors.joining(", ")));
            return dflt;
        }

        private static String configName(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        private JdbcTarget jdbc() {
            String uri = string("db-uri");
            if (uri == null) {
                uri = "postgresql://";
            } else if (uri.startsWith("@")) {
                byte[] content = readFile("db-uri", uri.substring(1));
                if (content == null) {
                    return null;
                }
                uri = new String(content, StandardCharsets.UTF_8).strip();
            }
            try {
                return DbUri.toJdbc(uri, env, true);
            } catch (IllegalArgumentException e) {
                problems.add("db-uri: " + e.getMessage());
                return null;
            }
        }

        /**
         * Ours: {@code db-read-uris}, {@code postgres[ql]://} URIs separated by commas or blanks (a URI's own host list
         * stays whole: the list is split only before a scheme), and {@code db-read-max-lag} in seconds.
         */
        private ReadReplicas readReplicas(JdbcTarget primary) {
            int maxLag = integer(ReadReplicas.NONE.maxLagSeconds(), 1, "db-read-max-lag");
            String uris = string("db-read-uris");
            if (uris == null || uris.isBlank()) {
                return new ReadReplicas(List.of(), maxLag);
            }
            var targets = new ArrayList<JdbcTarget>();
            for (String uri : uris.strip().split("[,\\s]+(?=postgres(ql)?://)")) {
                String u = uri.strip();
                if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
                    problems.add("db-read-uris: \"" + u + "\" is not a postgresql:// URI");
                    continue;
                }
                try {
                    // a replica is reached as the primary's authenticator unless its URI says otherwise
                    var hostEnv = new java.util.HashMap<>(env);
                    hostEnv.remove("PGUSER");
                    hostEnv.remove("PGPASSWORD");
                    JdbcTarget t = DbUri.toJdbc(u, hostEnv, false);
                    targets.add(new JdbcTarget(
                            t.url(),
                            t.user() != null ? t.user() : primary == null ? null : primary.user(),
                            t.password() != null ? t.password() : primary == null ? null : primary.password()));
                } catch (IllegalArgumentException e) {
                    problems.add("db-read-uris: " + e.getMessage());
                }
            }
            return new ReadReplicas(targets, maxLag);
        }

        private List<String> schemas() {
            String v = string("db-schemas", "db-schema");
            if (v == null) {
                return List.of("public");
            }
            List<String> schemas = split(v);
            for (String forbidden : List.of("pg_catalog", "information_schema")) {
                if (schemas.contains(forbidden)) {
                    problems.add("db-schemas does not allow schema: '" + forbidden + "'");
                }
            }
            return schemas;
        }

        private JwtKeySet jwtKeys() {
            String secret = string("jwt-secret");
            boolean base64 = bool(false, "jwt-secret-is-base64", "secret-is-base64");
            if (secret == null) {
                return null;
            }
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (secret.startsWith("@")) {
                bytes = readFile("jwt-secret", secret.substring(1));
                if (bytes == null) {
                    return null;
                }
                if (bytes.length > 0 && bytes[bytes.length - 1] == '\n') {
                    bytes = Arrays.copyOf(bytes, bytes.length - 1);
                }
            }
            if (base64) {
                String text = new String(bytes, StandardCharsets.UTF_8)
                        .replace('_', '/')
                        .replace('-', '+')
                        .replace('.', '=')
                        .strip();
                try {
                    bytes = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    problems.add("jwt-secret: invalid base64 (" + e.getMessage() + ")");
                    return null;
                }
            }
            try {
                return JwtKeySet.parse(bytes);
            } catch (IllegalArgumentException e) {
                problems.add("jwt-secret: " + e.getMessage());
                return null;
            }
        }

        /** Like PostgREST: any string, but one containing ':' must be an absolute URI (RFC 3986). */
        private String jwtAud() {
            String aud = string("jwt-aud");
            if (aud != null && aud.contains(":")) {
                try {
                    if (!new java.net.URI(aud).isAbsolute()) {
                        throw new java.net.URISyntaxException(aud, "no scheme");
                    }
                } catch (java.net.URISyntaxException e) {
                    problems.add("jwt-aud: \"" + aud + "\" should be a string or a valid URI");
                }
            }
            return aud;
        }

        private JwksSource jwks() {
            String url = string("jwt-jwks-url");
            String issuer = string("jwt-oidc-issuer");
            int interval = integer(30, 0, "jwt-jwks-refresh-interval");
            if (url != null && issuer != null) {
                problems.add("jwt-jwks-url and jwt-oidc-issuer: set only one of them");
                return null;
            }
            if (url == null && issuer == null) {
                return null;
            }
            try {
                return url != null
                        ? new JwksSource(JwksSource.checkedUrl(url), null, interval)
                        : new JwksSource(null, JwksSource.checkedUrl(issuer), interval);
            } catch (IllegalArgumentException e) {
                problems.add((url != null ? "jwt-jwks-url: " : "jwt-oidc-issuer: ") + e.getMessage());
                return null;
            }
        }

        private RoleClaimPath roleClaimKey() {
            String v = string("jwt-role-claim-key", "role-claim-key");
            try {
                RoleClaimPath path = RoleClaimPath.parse(v == null ? "$.role" : v);
                if (path.legacyReplacement() != null) {
                    System.getLogger(RuntimeConfig.class.getName())
                            .log(
                                    System.Logger.Level.WARNING,
                                    "jwt-role-claim-key \"" + v
                                            + "\" is in the pre-16 syntax, which PostgREST 16 deprecated;"
                                            + " as a JSON Path it is " + path.legacyReplacement());
                }
                return path;
            } catch (IllegalArgumentException e) {
                problems.add("jwt-role-claim-key: " + e.getMessage());
                return null;
            }
        }

        private SortedMap<String, String> appSettings() {
            var settings = new TreeMap<String, String>();
            file.forEach((k, v) -> {
                if (k.startsWith(APP_SETTINGS)) {
                    settings.put(k, v);
                    used.add(k);
                }
            });
            env.forEach((k, v) -> {
                if (k.startsWith(APP_SETTINGS_ENV) && k.length() > APP_SETTINGS_ENV.length()) {
                    settings.put(APP_SETTINGS + k.substring(APP_SETTINGS_ENV.length()), v);
                    used.add(k);
                }
            });
            return settings;
        }

        private List<String> ignored() {
            var ignored = new ArrayList<String>();
            file.keySet().stream().filter(k -> !used.contains(k)).sorted().forEach(ignored::add);
            env.keySet().stream()
                    .filter(k -> k.startsWith("PGRST_") && !used.contains(k))
                    .sorted()
                    .forEach(ignored::add);
            return ignored;
        }

        private byte[] readFile(String key, String path) {
            try {
                return Files.readAllBytes(Path.of(path));
            } catch (IOException | RuntimeException e) {
                problems.add(key + ": cannot read file " + path + " (" + e.getMessage() + ")");
                return null;
            }
        }

        private static List<String> split(String v) {
            return Arrays.stream(v.split(",", -1)).map(String::strip).toList();
        }

        private static List<String> splitEmptyable(String v) {
            return v.isEmpty() ? List.of() : split(v);
        }
    }
}
