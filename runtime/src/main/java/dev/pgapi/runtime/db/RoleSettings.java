package dev.pgapi.runtime.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings stored on the roles a request may switch into ({@code ALTER ROLE webuser SET statement_timeout =
 * '5s'}), which PostgreSQL itself applies only at login, never on {@code SET ROLE}. Like PostgREST, they are read
 * once (all roles in one query) and applied in every request's settings batch before the role switch; a role's
 * {@code default_transaction_isolation} becomes the isolation level of its transactions instead. The database's
 * probe ({@link Reachability}) reads them on its first successful connection, so no request waits behind another
 * to read them, and no request runs without them.
 *
 * <p>Only settings the authenticator may set itself are taken: those of context {@code user}, or granted with
 * {@code GRANT SET ON PARAMETER} (PostgreSQL 15+). Settings for the current database win over those for all
 * databases.
 */
public final class RoleSettings {

    /** What a role brings along: settings by name, and an isolation level (SQL keywords) or null. */
    public record Entry(Map<String, String> settings, String isolationLevel) {
        static final Entry NONE = new Entry(Map.of(), null);
    }

    private static final Set<String> ISOLATION_LEVELS =
            Set.of("serializable", "repeatable read", "read committed", "read uncommitted");

    private static final String QUERY = """
            SELECT DISTINCT ON (r.rolname, kv.name) r.rolname, kv.name, kv.value
              FROM pg_catalog.pg_roles r
              JOIN pg_catalog.pg_db_role_setting s ON s.setrole = r.oid
                   AND s.setdatabase IN (0, (SELECT d.oid FROM pg_catalog.pg_database d
                                              WHERE d.datname = pg_catalog.current_database()))
             CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) AS c(entry)
             CROSS JOIN LATERAL (SELECT pg_catalog.split_part(c.entry, '=', 1) AS name,
                                        pg_catalog.substr(c.entry, pg_catalog.strpos(c.entry, '=') + 1) AS value) kv
             WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')
               AND (kv.name = 'default_transaction_isolation'
                    OR EXISTS (SELECT 1 FROM pg_catalog.pg_settings p
                                WHERE p.name = kv.name AND (p.context = 'user' %s)))
             ORDER BY r.rolname, kv.name, s.setdatabase DESC""";
    private static final String GRANTED = "OR pg_catalog.has_parameter_privilege(p.name, 'SET')";

    /** A {@code default_transaction_isolation} value as SQL keywords, or null when it is not a level. */
    public static String isolationLevel(String value) {
        String level = value.toLowerCase(Locale.ROOT).strip();
        return ISOLATION_LEVELS.contains(level) ? level.toUpperCase(Locale.ROOT) : null;
    }

    private volatile Map<String, Entry> byRole;

    RoleSettings() {}

    /**
     * The settings of {@code role}.
     *
     * @throws SQLException (SQLSTATE 08001) when they were never read: a request must not run without them
     */
    public Entry forRole(String role) throws SQLException {
        Map<String, Entry> all = byRole;
        if (all == null) {
            throw new SQLException("The role settings are not read yet", "08001");
        }
        return all.getOrDefault(role, Entry.NONE);
    }

    /** Reads the settings over {@code c}, unless they were read before (after that, only a reload reads them). */
    void loadIfNeeded(Connection c) throws SQLException {
        if (byRole == null) {
            load(c);
        }
    }

    /** Reads the settings over {@code c}; requests started afterwards use them. */
    void load(Connection c) throws SQLException {
        var settings = new HashMap<String, Map<String, String>>();
        var isolation = new HashMap<String, String>();
        boolean parameterGrants = c.getMetaData().getDatabaseMajorVersion() >= 15;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(QUERY.formatted(parameterGrants ? GRANTED : ""))) {
            while (rs.next()) {
                String role = rs.getString(1);
                String name = rs.getString(2);
                String value = rs.getString(3);
                if (name.equals("default_transaction_isolation")) {
                    String level = isolationLevel(value);
                    if (level != null) {
                        isolation.put(role, level);
                    }
                } else {
                    settings.computeIfAbsent(role, r -> new TreeMap<>()).put(name, value);
                }
            }
        }
        var all = new HashMap<String, Entry>();
        for (String role : union(settings.keySet(), isolation.keySet())) {
            all.put(
                    role,
                    new Entry(
                            Collections.unmodifiableMap(settings.getOrDefault(role, new TreeMap<>())),
                            isolation.get(role)));
        }
        byRole = Map.copyOf(all);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
