package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.AuthResult;

/**
 * What the API filter established for a request before any handler runs: who is asking and which schema they
 * address; {@code timing} is null unless {@code server-timing-enabled}.
 */
record RequestScope(AuthResult auth, String schema, ServerTiming timing) {

    /** Marks the end of the {@code parse} stage of {@code Server-Timing}. */
    void parsed() {
        if (timing != null) {
            timing.parsed();
        }
    }
}
