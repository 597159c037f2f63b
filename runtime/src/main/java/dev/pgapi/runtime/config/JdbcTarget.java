package dev.pgapi.runtime.config;

/**
 * What pgjdbc needs to reach the database described by {@code db-uri}: a {@code jdbc:postgresql://} URL (with the
 * remaining connection parameters as query parameters) and the credentials kept apart so they never end up in logs
 * that print the URL.
 */
public record JdbcTarget(String url, String user, String password) {

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***") + "]";
    }
}
