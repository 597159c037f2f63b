package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One verification key, from a JWK or a plain HMAC secret. Selection follows jose-jwt (the library PostgREST uses):
 * a key is tried for a token when its {@code use} is not {@code enc}, its {@code kid} equals the token's (if the token
 * has one), its {@code alg} (if any) equals the token's, and its type fits the token's algorithm.
 */
final class JwtKey {

    private static final Map<String, String> JCA_CURVES =
            Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");
    /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");

    private final String kty;
    private final String kid;
    private final String alg;
    private final String use;
    private final String curve;
    private final byte[] secret;
    private final PublicKey publicKey;

    private JwtKey(String kty, String kid, String alg, String use, String curve, byte[] secret, PublicKey publicKey) {
        this.kty = kty;
        this.kid = kid;
        this.alg = alg;
        this.use = use;
        this.curve = curve;
        this.secret = secret;
        this.publicKey = publicKey;
    }

    /** A plain secret: PostgREST tags it {@code alg=HS256}, so only HS256 tokens verify with it. */
    static JwtKey hmacSecret(byte[] secret) {
        return new JwtKey("oct", null, "HS256", "sig", null, secret.clone(), null);
    }

    /** @throws IllegalArgumentException when the JWK is malformed or of an unsupported type */
    static JwtKey fromJwk(JsonNode jwk) {
        if (!jwk.isObject()) {
            throw new IllegalArgumentException("a JWK must be a JSON object");
        }
        String kty = text(jwk, "kty", true);
        String kid = text(jwk, "kid", false);
        String alg = text(jwk, "alg", false);
        String use = text(jwk, "use", false);
        if (use != null && !use.equals("sig") && !use.equals("enc")) {
            throw new IllegalArgumentException("JWK 'use' value must be either 'sig' or 'enc'");
        }
        try {
            return switch (kty) {
                case "oct" -> new JwtKey(kty, kid, alg, use, null, bytes(jwk, "k"), null);
                case "RSA" ->
                    new JwtKey(
                            kty,
                            kid,
                            alg,
                            use,
                            null,
                            null,
                            KeyFactory.getInstance("RSA")
                                    .generatePublic(new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e"))));
                case "EC" -> {
                    String crv = text(jwk, "crv", true);
                    if (!JCA_CURVES.containsKey(crv)) {
                        throw new IllegalArgumentException("unsupported JWK curve \"" + crv + "\"");
                    }
                    var params = AlgorithmParameters.getInstance("EC");
                    params.init(new ECGenParameterSpec(JCA_CURVES.get(crv)));
                    var spec = new ECPublicKeySpec(
                            new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")),
                            params.getParameterSpec(ECParameterSpec.class));
                    yield new JwtKey(
                            kty,
                            kid,
                            alg,
                            use,
                            crv,
                            null,
                            KeyFactory.getInstance("EC").generatePublic(spec));
                }
                case "OKP" -> {
                    if (!"Ed25519".equals(text(jwk, "crv", true))) {
                        throw new IllegalArgumentException(
                                "unsupported JWK curve \"" + jwk.get("crv").asText() + "\"");
                    }
                    byte[] x = bytes(jwk, "x");
                    byte[] der = java.util.Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + x.length);
                    System.arraycopy(x, 0, der, ED25519_PREFIX.length, x.length);
                    yield new JwtKey(
                            kty,
                            kid,
                            alg,
                            use,
                            "Ed25519",
                            null,
                            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
                }
                default -> throw new IllegalArgumentException("unsupported JWK key type \"" + kty + "\"");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid " + kty + " JWK (" + e.getMessage() + ")");
        }
    }

    String kid() {
        return kid;
    }

    /** jose-jwt's {@code canDecodeJws}. */
    boolean canVerify(JwsAlgorithm tokenAlg, String tokenKid) {
        return !"enc".equals(use)
                && (tokenKid == null || tokenKid.equals(kid))
                && (alg == null || alg.equals(tokenAlg.name()))
                && kty.equals(tokenAlg.keyType);
    }

    boolean verify(JwsAlgorithm tokenAlg, byte[] signingInput, byte[] signature) {
        try {
            if (secret != null) {
                Mac mac = Mac.getInstance(tokenAlg.jcaName);
                mac.init(new SecretKeySpec(secret, tokenAlg.jcaName));
                return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
            }
            if (tokenAlg.curve() != null && !tokenAlg.curve().equals(curve)) {
                return false;
            }
            Signature verifier = Signature.getInstance(tokenAlg.jcaName);
            if (tokenAlg.pssParams != null) {
                verifier.setParameter(tokenAlg.pssParams);
            }
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a malformed signature is just a signature that does not verify
        }
    }

    @Override
    public String toString() {
        return kty + (kid == null ? "" : "(kid=" + kid + ")");
    }

    private static String text(JsonNode jwk, String field, boolean required) {
        JsonNode v = jwk.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("JWK is missing '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("JWK '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static byte[] bytes(JsonNode jwk, String field) {
        byte[] b = Base64Url.decode(text(jwk, field, true));
        if (b == null) {
            throw new IllegalArgumentException("JWK '" + field + "' is not base64url");
        }
        return b;
    }

    private static BigInteger unsigned(JsonNode jwk, String field) {
        return new BigInteger(1, bytes(jwk, field));
    }
}
