package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.http.ApiRuntime;
import java.time.Duration;

/**
 * PostgREST's {@code /ready}: the database is reachable (the role settings and the in-database configuration are
 * read; requests would not fail fast with 503), it answers on a pooled connection, and the service is not shutting down (a shutdown turns readiness off
 * first, so load balancers stop sending requests before the listeners close).
 */
final class Readiness {

    /** Within a container probe's usual one-second budget. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(800);

    private final ApiRuntime runtime;
    private volatile boolean shuttingDown;

    Readiness(ApiRuntime runtime) {
        this.runtime = runtime;
    }

    boolean ready() {
        return !shuttingDown
                && runtime.configured()
                && runtime.database().reachable()
                && runtime.database().answersWithin(CHECK_TIMEOUT);
    }

    void shuttingDown() {
        shuttingDown = true;
    }
}
