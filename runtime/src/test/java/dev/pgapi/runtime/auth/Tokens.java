package dev.pgapi.runtime.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds compact JWS tokens by hand, independently of the code under test. */
public final class Tokens {

    private Tokens() {}

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hs(String alg, byte[] secret, String header, String payload) {
        String input = b64(header) + "." + b64(payload);
        try {
            String jca = "Hmac" + alg.replace("HS", "SHA");
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret, jca));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(String secret, String payload) {
        return hs("HS256", secret.getBytes(StandardCharsets.UTF_8), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload);
    }

    static String signed(String jcaAlg, PrivateKey key, String header, String payload) {
        String input = b64(header) + "." + b64(payload);
        try {
            Signature s = Signature.getInstance(jcaAlg);
            if (jcaAlg.equals("RSASSA-PSS")) {
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        return generate("RSA", null);
    }

    static KeyPair ec(String curve) {
        return generate("EC", new ECGenParameterSpec(curve));
    }

    static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    private static KeyPair generate(String type, ECGenParameterSpec spec) {
        try {
            var g = KeyPairGenerator.getInstance(type);
            if (spec != null) {
                g.initialize(spec);
            } else if (type.equals("RSA")) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public JWK; {@code extra} is inserted verbatim (e.g. {@code "kid":"a",}). */
    static String rsaJwk(KeyPair kp, String extra) {
        var pub = (RSAPublicKey) kp.getPublic();
        return "{" + extra + "\"kty\":\"RSA\",\"n\":\"" + b64(unsigned(pub.getModulus())) + "\",\"e\":\""
                + b64(unsigned(pub.getPublicExponent())) + "\"}";
    }

    static String ecJwk(KeyPair kp, String crv, int size, String extra) {
        var pub = (ECPublicKey) kp.getPublic();
        return "{" + extra + "\"kty\":\"EC\",\"crv\":\"" + crv + "\",\"x\":\""
                + b64(fixed(pub.getW().getAffineX(), size)) + "\",\"y\":\""
                + b64(fixed(pub.getW().getAffineY(), size)) + "\"}";
    }

    static String ed25519Jwk(KeyPair kp) {
        byte[] der = kp.getPublic().getEncoded();
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\""
                + b64(Arrays.copyOfRange(der, der.length - 32, der.length)) + "\"}";
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] fixed(BigInteger i, int size) {
        byte[] b = unsigned(i);
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }
}
