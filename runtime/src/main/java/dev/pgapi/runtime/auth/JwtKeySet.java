package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys {@code jwt-secret} stands for (after {@code @file} reading and base64 decoding), interpreted in
 * PostgREST's order: a JWKS ({@code {"keys":[...]}}), else a single JWK, else the bytes as an HMAC secret of at least
 * 32 bytes usable for HS256 only.
 */
public final class JwtKeySet {

    private static final System.Logger LOG = System.getLogger(JwtKeySet.class.getName());

    private final List<JwtKey> keys;

    private JwtKeySet(List<JwtKey> keys) {
        this.keys = List.copyOf(keys);
    }

    private static boolean startsLikeObject(byte[] text) {
        for (byte b : text) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException with a message fit for a configuration error line */
    public static JwtKeySet parse(byte[] secret) {
        // A secret that is a JSON object is a JWK or JWKS; anything else (even invalid JSON) is a plain secret.
        // (A plain secret never reaches the JSON parser: its set-up is a noticeable part of startup.)
        JsonNode json = startsLikeObject(secret) ? JsonSupport.object(secret) : null;
        if (json == null) {
            if (secret.length < 32) {
                throw new IllegalArgumentException("The JWT secret must be at least 32 characters long.");
            }
            return new JwtKeySet(List.of(JwtKey.hmacSecret(secret)));
        }
        if (!json.has("keys")) {
            return new JwtKeySet(List.of(JwtKey.fromJwk(json)));
        }
        if (!json.get("keys").isArray()) {
            throw new IllegalArgumentException("JWKS 'keys' must be an array");
        }
        var keys = new ArrayList<JwtKey>();
        for (JsonNode jwk : json.get("keys")) {
            try {
                keys.add(JwtKey.fromJwk(jwk));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JWKS key #" + (keys.size() + 1) + ": " + e.getMessage());
            }
        }
        return new JwtKeySet(keys);
    }

    /**
     * A JWKS published by an identity provider: keys this verifier cannot use (other key types, curves or
     * encryption-only keys) are skipped rather than failing the whole set, as providers list several kinds.
     *
     * @throws IllegalArgumentException when the document is not a JWKS or holds no usable key
     */
    static List<JwtKey> parseRemote(JsonNode jwks) {
        if (!jwks.path("keys").isArray()) {
            throw new IllegalArgumentException("not a JWKS (no \"keys\" array)");
        }
        var keys = new ArrayList<JwtKey>();
        for (JsonNode jwk : jwks.get("keys")) {
            try {
                keys.add(JwtKey.fromJwk(jwk));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "skipping a JWK: " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no usable key");
        }
        return List.copyOf(keys);
    }

    List<JwtKey> keys() {
        return keys;
    }

    public int size() {
        return keys.size();
    }

    /** Never shows key material. */
    @Override
    public String toString() {
        return "JwtKeySet" + keys;
    }
}
