package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.db.Database;
import java.time.Duration;

/**
 * PostgREST's {@code /ready}: the database is reachable (the role settings are read; requests would not fail fast
 * with 503), it answers on a pooled connection, and the service is not shutting down (a shutdown turns readiness off
 * first, so load balancers stop sending requests before the listeners close).
 */
final class Readiness {

    /** Within a container probe's usual one-second budget. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(800);

    private final Database database;
    private volatile boolean shuttingDown;

    Readiness(Database database) {
        this.database = database;
    }

    boolean ready() {
        return !shuttingDown && database.reachable() && database.answersWithin(CHECK_TIMEOUT);
    }

    void shuttingDown() {
        shuttingDown = true;
    }
}
