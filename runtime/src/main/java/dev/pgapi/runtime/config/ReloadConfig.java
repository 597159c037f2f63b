package dev.pgapi.runtime.config;

/**
 * How the configuration is re-read while the service runs, and what the database adds to it (PostgREST's keys).
 *
 * @param dbConfig         {@code db-config}: read {@code pgrst.*} settings of the authenticator role (and
 *                         {@code db-pre-config}) at startup and on every reload
 * @param dbPreConfig      {@code db-pre-config}: a function that sets {@code pgrst.*} settings, or null
 * @param dbChannel        {@code db-channel}: the channel {@code NOTIFY} reloads arrive on
 * @param dbChannelEnabled {@code db-channel-enabled}: listen on {@code dbChannel}
 */
public record ReloadConfig(boolean dbConfig, QualifiedName dbPreConfig, String dbChannel, boolean dbChannelEnabled) {}
