package dev.pgapi.runtime.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a libpq connection string ({@code postgres[ql]://user:pass@host:port,host2/db?k=v} or {@code k=v k='v'}
 * conninfo) into a {@link JdbcTarget}. Parts missing from the string come from the libpq environment variables
 * ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}) as they would for PostgREST.
 * libpq parameter names are translated to pgjdbc's where they differ; unknown ones are passed through.
 */
final class DbUri {

    /** libpq name → pgjdbc property name. */
    private static final Map<String, String> RENAMED = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType",
            "keepalives", "tcpKeepAlive");

    private DbUri() {}

    /**
     * @param writable  the target is {@code db-uri}, which must reach the primary: with several hosts and no
     *                  {@code target_session_attrs}, connections go to the host that accepts writes (libpq's default
     *                  would take the first that answers, possibly a standby), and hosts' roles are rechecked after a
     *                  second rather than pgjdbc's ten, so that a promoted standby is found soon after a failover
     */
    static JdbcTarget toJdbc(String dbUri, Map<String, String> env, boolean writable) {
        var params = new LinkedHashMap<String, String>();
        if (dbUri.startsWith("postgresql://") || dbUri.startsWith("postgres://")) {
            parseUri(dbUri.substring(dbUri.indexOf("://") + 3), params);
        } else if (dbUri.contains("=")) {
            parseConninfo(dbUri, params);
        } else {
            throw new IllegalArgumentException("not a postgresql:// URI nor a key=value connection string");
        }
        String hosts = firstNonEmpty(params.remove("host"), params.remove("hostaddr"), env.get("PGHOST"), "localhost");
        String port = firstNonEmpty(params.remove("port"), env.get("PGPORT"), "5432");
        String db = firstNonEmpty(params.remove("dbname"), env.get("PGDATABASE"), "");
        String user = firstNonEmpty(params.remove("user"), env.get("PGUSER"), null);
        String password = firstNonEmpty(params.remove("password"), env.get("PGPASSWORD"), null);
        String fallbackName = params.remove("fallback_application_name");
        if (writable && hosts.contains(",")) {
            params.putIfAbsent("target_session_attrs", "read-write");
            params.putIfAbsent("hostRecheckSeconds", "1");
        }
        if (!params.containsKey("application_name")) {
            params.put("application_name", fallbackName == null ? "pgapi" : fallbackName);
        }

        var url = new StringBuilder("jdbc:postgresql://")
                .append(hostList(hosts, port))
                .append('/')
                .append(encode(db));
        char sep = '?';
        for (var e : params.entrySet()) {
            url.append(sep)
                    .append(jdbcName(e.getKey()))
                    .append('=')
                    .append(encode(jdbcValue(e.getKey(), e.getValue())));
            sep = '&';
        }
        return new JdbcTarget(url.toString(), user, password);
    }

    private static void parseUri(String rest, Map<String, String> params) {
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String main = q < 0 ? rest : rest.substring(0, q);
        int slash = main.indexOf('/');
        String authority = slash < 0 ? main : main.substring(0, slash);
        if (slash >= 0 && slash + 1 < main.length()) {
            params.put("dbname", decode(main.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            params.put("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                params.put("password", decode(userInfo.substring(colon + 1)));
            }
            authority = authority.substring(at + 1);
        }
        if (!authority.isEmpty()) {
            params.put("host", decode(authority));
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid URI query parameter \"" + pair + "\"");
            }
            params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
    }

    /** libpq conninfo: {@code key = value} pairs separated by blanks, values optionally single-quoted. */
    private static void parseConninfo(String s, Map<String, String> params) {
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                return;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "missing \"=\" after \"" + s.substring(i).strip() + "\"");
            }
            String key = s.substring(i, eq).strip();
            i = eq + 1;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            var value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '\'') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new IllegalArgumentException("unterminated quoted string");
                    }
                    char c = s.charAt(i++);
                    if (c == '\'') {
                        break;
                    }
                    if (c == '\\' && i < s.length()) {
                        c = s.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        c = s.charAt(i++);
                    }
                    value.append(c);
                }
            }
            params.put(key, value.toString());
        }
    }

    /** {@code h1:p1,h2} with a default port; bracketed IPv6 literals are kept as they are. */
    private static String hostList(String hosts, String defaultPort) {
        List<String> out = new ArrayList<>();
        String[] ports = defaultPort.split(",");
        String[] list = hosts.split(",");
        for (int i = 0; i < list.length; i++) {
            String h = list[i].strip();
            if (h.startsWith("/")) {
                throw new IllegalArgumentException(
                        "Unix-domain socket hosts (" + h + ") are not supported; use a TCP host");
            }
            String port = ports[Math.min(i, ports.length - 1)].strip();
            boolean hasPort =
                    h.startsWith("[") ? h.contains("]:") : h.contains(":") && h.indexOf(':') == h.lastIndexOf(':');
            if (!h.startsWith("[") && h.indexOf(':') != h.lastIndexOf(':')) {
                h = "[" + h + "]";
            }
            out.add(hasPort ? h : h + ":" + port);
        }
        return String.join(",", out);
    }

    private static String jdbcName(String libpqName) {
        return RENAMED.getOrDefault(libpqName, libpqName);
    }

    private static String jdbcValue(String libpqName, String value) {
        return switch (libpqName) {
            case "keepalives" -> String.valueOf(!value.equals("0"));
            case "target_session_attrs" ->
                switch (value) {
                    case "read-write", "primary" -> "primary";
                    case "read-only", "standby" -> "secondary";
                    case "prefer-standby" -> "preferSecondary";
                    default -> value;
                };
            default -> value;
        };
    }

    private static String firstNonEmpty(String... candidates) {
        for (int i = 0; i < candidates.length - 1; i++) {
            if (candidates[i] != null && !candidates[i].isEmpty()) {
                return candidates[i];
            }
        }
        return candidates[candidates.length - 1];
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
