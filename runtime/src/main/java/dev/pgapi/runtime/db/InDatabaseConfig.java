package dev.pgapi.runtime.db;

import dev.pgapi.runtime.config.QualifiedName;
import dev.pgapi.runtime.query.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgREST's in-database configuration ({@code db-config}): {@code pgrst.<key>} settings of the authenticator role
 * ({@code ALTER ROLE authenticator [IN DATABASE d] SET pgrst.jwt_secret = '...'}), and those a {@code db-pre-config}
 * function sets with {@code set_config}. A setting for the current database wins over one for all databases, which
 * wins over the pre-config function's; settings on the database alone ({@code ALTER DATABASE}) do not count.
 */
public final class InDatabaseConfig {

    /** The keys that may come from the database: PostgREST's list, with the key names of this version. */
    public static final List<String> KEYS = List.of(
            "client-error-verbosity",
            "db-aggregates-enabled",
            "db-anon-role",
            "db-extra-search-path",
            "db-hoisted-tx-settings",
            "db-max-rows",
            "db-plan-enabled",
            "db-pre-config",
            "db-pre-request",
            "db-prepared-statements",
            "db-root-spec",
            "db-schemas",
            "db-tx-end",
            "jwt-aud",
            "jwt-cache-max-entries",
            "jwt-role-claim-key",
            "jwt-secret",
            "jwt-secret-is-base64",
            "openapi-mode",
            "openapi-security-active",
            "openapi-server-proxy-uri",
            "server-cors-allowed-origins",
            "server-timing-enabled",
            "server-trace-header",
            "url-use-legacy-target-names");

    private static final String ROLE_SETTINGS = """
            SELECT kv.name, kv.value, s.setdatabase <> 0
              FROM pg_catalog.pg_db_role_setting s
             CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) AS c(entry)
             CROSS JOIN LATERAL (SELECT pg_catalog.split_part(c.entry, '=', 1) AS name,
                                        pg_catalog.substr(c.entry, pg_catalog.strpos(c.entry, '=') + 1) AS value) kv
             WHERE s.setrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
               AND s.setdatabase IN (0, (SELECT d.oid FROM pg_catalog.pg_database d
                                          WHERE d.datname = pg_catalog.current_database()))
               AND kv.name = ANY (?)""";

    private InDatabaseConfig() {}

    /**
     * Reads the settings over {@code c} (the authenticator's own connection) in a read-only transaction that is
     * rolled back, so the pre-config function's {@code set_config} calls leave nothing behind.
     *
     * @param preConfig {@code db-pre-config}, or null
     * @return values by key name ({@code jwt-secret}), sorted
     */
    public static Map<String, String> read(Connection c, QualifiedName preConfig) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            c.setReadOnly(true);
            String[] names = KEYS.stream().map(InDatabaseConfig::settingName).toArray(String[]::new);
            var fromRole = new TreeMap<String, String>();
            var fromDatabase = new TreeMap<String, String>();
            Array array = c.createArrayOf("text", names);
            try (PreparedStatement st = c.prepareStatement(ROLE_SETTINGS)) {
                st.setArray(1, array);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        (rs.getBoolean(3) ? fromDatabase : fromRole).put(keyName(rs.getString(1)), rs.getString(2));
                    }
                }
            }
            var settings = new TreeMap<String, String>();
            if (preConfig != null) {
                settings.putAll(preConfigured(c, preConfig, names));
            }
            settings.putAll(fromRole);
            settings.putAll(fromDatabase);
            return settings;
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
    }

    /** Calls the function, then reads back every {@code pgrst.*} setting it may have set. */
    private static Map<String, String> preConfigured(Connection c, QualifiedName function, String[] names)
            throws SQLException {
        // the name comes from the configuration (like db-pre-request), quoted as an identifier, never from a request
        var call = new Sql().append("SELECT ");
        if (function.schema() != null) {
            call.append(Sql.quoteIdent(function.schema())).append(".");
        }
        call.append(Sql.quoteIdent(function.name())).append("()");
        try (PreparedStatement st = c.prepareStatement(call.text())) {
            st.execute();
        }
        var settings = new TreeMap<String, String>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT x, pg_catalog.current_setting(x, true) FROM pg_catalog.unnest(?::text[]) AS x")) {
            st.setArray(1, c.createArrayOf("text", names));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    if (value != null && !value.isEmpty()) {
                        settings.put(keyName(rs.getString(1)), value);
                    }
                }
            }
        }
        return settings;
    }

    /** {@code jwt-secret} → {@code pgrst.jwt_secret}. */
    static String settingName(String key) {
        return "pgrst." + key.replace('-', '_');
    }

    private static String keyName(String setting) {
        return setting.substring("pgrst.".length()).replace('_', '-');
    }
}
