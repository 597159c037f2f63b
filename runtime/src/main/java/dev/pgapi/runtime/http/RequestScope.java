package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.AuthResult;

/**
 * What the API filter established for a request before any handler runs: who is asking and which schema they
 * address.
 */
record RequestScope(AuthResult auth, String schema) {
}
