package dev.pgapi.runtime.auth;

import java.util.Map;

/**
 * Who a request runs as.
 *
 * @param role          the database role to switch to; never null
 * @param claimsJson    the claims with {@code "role"} inserted or overwritten, compact JSON with sorted keys: the value
 *                      of {@code request.jwt.claims}
 * @param claims        the claims in token order with {@code role} set; unmodifiable at every level
 * @param authenticated whether {@code role} differs from the anonymous role (decides 401 vs 403 on 42501)
 */
public record AuthResult(String role, String claimsJson, Map<String, Object> claims, boolean authenticated) {
}
