package dev.pgapi.runtime.auth;

/**
 * What the token verifier is configured with (from {@code jwt-*} and {@code db-anon-role}).
 *
 * @param keys            {@code jwt-secret}'s keys, or null
 * @param jwks            an identity provider's keys ({@code jwt-jwks-url} / {@code jwt-oidc-issuer}), or null
 * @param anonRole        {@code db-anon-role}, or null when anonymous requests are refused
 * @param audience        {@code jwt-aud}, or null
 * @param roleClaimKey    {@code jwt-role-claim-key}
 * @param cacheMaxEntries {@code jwt-cache-max-entries}; 0 disables the cache
 */
public record JwtSettings(
        JwtKeySet keys,
        JwksSource jwks,
        String anonRole,
        String audience,
        RoleClaimPath roleClaimKey,
        int cacheMaxEntries) {}
