package dev.pgapi.runtime.config;

import java.util.List;

/**
 * Ours: streaming replicas that serve read-only requests ({@code db-read-uris}, {@code db-read-max-lag}).
 *
 * @param targets        one per replica; credentials missing from a replica's URI are the primary's
 * @param maxLagSeconds  a replica whose replay is further behind the primary than this is taken out of rotation
 */
public record ReadReplicas(List<JdbcTarget> targets, int maxLagSeconds) {

    /** No replicas: every request goes to {@code db-uri}. */
    public static final ReadReplicas NONE = new ReadReplicas(List.of(), 10);

    public ReadReplicas {
        targets = List.copyOf(targets);
    }
}
