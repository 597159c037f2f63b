package dev.pgapi.runtime.auth;

import java.util.Map;
import java.util.SequencedMap;

/**
 * Who a request runs as.
 *
 * @param role          the database role to switch to; never null
 * @param claimsJson    the claims with {@code "role"} inserted or overwritten, compact JSON with sorted keys: the value
 *                      of {@code request.jwt.claims}
 * @param claims        the claims in token order with {@code role} set; unmodifiable at every level
 * @param authenticated whether {@code role} differs from the anonymous role (decides 401 vs 403 on 42501)
 * @param claimTexts    each top-level claim (with {@code role}) as {@code json_each_text} renders it over
 *                      {@code claimsJson}: strings verbatim, JSON null as null, anything else as its JSON text; sorted
 *                      by name. The values of the per-claim {@code request.jwt.claim.<name>} settings, so only
 *                      the claims {@link ClaimSettings} finds settable.
 */
public record AuthResult(
        String role,
        String claimsJson,
        Map<String, Object> claims,
        boolean authenticated,
        SequencedMap<String, String> claimTexts) {}
