package dev.pgapi.runtime.db;

import dev.pgapi.runtime.query.Sql;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The transaction-local settings of one request, sent as the first statement of its round trip: PostgREST's
 * {@code set_config} batch (search_path, role, claims, request method/path/headers/cookies, timezone,
 * app settings).
 *
 * @param searchPath     the negotiated schema followed by {@code db-extra-search-path}, already quoted and joined
 * @param roleSettings   the role's own settings ({@code ALTER ROLE ... SET}), applied before switching to it
 * @param isolationLevel the role's {@code default_transaction_isolation} as SQL keywords, or null
 * @param role           the role to switch to
 * @param claimsJson     {@code request.jwt.claims}: the JWT claims with {@code role} set
 * @param claimGucs      also set one {@code request.jwt.claim.<name>} per top-level claim (classic PostgREST): the
 *                       claims' texts by name, only those whose setting name PostgreSQL accepts; empty when off
 * @param method         {@code request.method}
 * @param path           {@code request.path}
 * @param headersJson    {@code request.headers}: lower-cased names, no Cookie
 * @param cookiesJson    {@code request.cookies}
 * @param appSettings    {@code app.settings.*} from the configuration, by full name
 * @param readOnly       run the transaction READ ONLY
 * @param timezone       {@code Prefer: timezone=}, or null
 * @param functionSettings  RPC: the function's settings named in {@code db-hoisted-tx-settings}, applied to the
 *                          whole transaction (its {@code default_transaction_isolation} goes in
 *                          {@code isolationLevel} instead)
 */
public record RequestSettings(
        String searchPath,
        Map<String, String> roleSettings,
        String isolationLevel,
        String role,
        String claimsJson,
        SequencedMap<String, String> claimGucs,
        String method,
        String path,
        String headersJson,
        String cookiesJson,
        Map<String, String> appSettings,
        boolean readOnly,
        String timezone,
        Map<String, String> functionSettings) {

    /** Settings without a {@code timezone}. */
    public RequestSettings(
            String searchPath,
            Map<String, String> roleSettings,
            String isolationLevel,
            String role,
            String claimsJson,
            SequencedMap<String, String> claimGucs,
            String method,
            String path,
            String headersJson,
            String cookiesJson,
            Map<String, String> appSettings,
            boolean readOnly) {
        this(
                searchPath,
                roleSettings,
                isolationLevel,
                role,
                claimsJson,
                claimGucs,
                method,
                path,
                headersJson,
                cookiesJson,
                appSettings,
                readOnly,
                null,
                Map.of());
    }

    /**
     * {@code SELECT set_config(...), ...}: one statement, all values bound. The isolation level is not in it: it
     * must be fixed before any query runs, so {@link Database} opens the transaction with it.
     */
    public Sql toSql() {
        int pairs = roleSettings.size() + functionSettings.size() + appSettings.size() + claimGucs.size();
        var sql = Sql.sized(512 + 48 * pairs, 12 + 2 * pairs);
        sql.append("SELECT set_config('search_path', ").param(searchPath).append(", true)");
        // PostgREST's order: the role's settings, then the role (so settings only the authenticator may set work)
        roleSettings.forEach((name, value) -> sql.append(", set_config(")
                .param(name)
                .append(", ")
                .param(value)
                .append(", true)"));
        sql.append(", set_config('role', ").param(role).append(", true)");
        sql.append(", set_config('request.jwt.claims', ").param(claimsJson).append(", true)");
        sql.append(", set_config('request.method', ").param(method).append(", true)");
        sql.append(", set_config('request.path', ").param(path).append(", true)");
        sql.append(", set_config('request.headers', ").param(headersJson).append(", true)");
        sql.append(", set_config('request.cookies', ").param(cookiesJson).append(", true)");
        if (timezone != null) {
            // an unknown zone is PostgreSQL's 22023, answered 400 as PostgREST does
            sql.append(", set_config('timezone', ").param(timezone).append(", true)");
        }
        functionSettings.forEach((name, value) -> sql.append(", set_config(")
                .param(name)
                .append(", ")
                .param(value)
                .append(", true)"));
        appSettings.forEach((name, value) -> sql.append(", set_config(")
                .param(name)
                .append(", ")
                .param(value)
                .append(", true)"));
        // rendered once per token in Java: a json_each_text sub-select here cost PostgreSQL more than the rest
        claimGucs.forEach((name, value) -> sql.append(", set_config(")
                .param("request.jwt.claim." + name)
                .append(", ")
                .param(value)
                .append(", true)"));
        if (readOnly) {
            sql.append(", set_config('transaction_read_only', 'on', true)");
        }
        return sql;
    }
}
