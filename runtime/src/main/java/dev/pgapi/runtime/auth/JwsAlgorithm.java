package dev.pgapi.runtime.auth;

import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Map;

/** The JWS algorithms a token header may name, and what it takes to verify each. */
enum JwsAlgorithm {
    HS256("oct", "HmacSHA256", null),
    HS384("oct", "HmacSHA384", null),
    HS512("oct", "HmacSHA512", null),
    RS256("RSA", "SHA256withRSA", null),
    RS384("RSA", "SHA384withRSA", null),
    RS512("RSA", "SHA512withRSA", null),
    PS256("RSA", "RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
    PS384("RSA", "RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
    PS512("RSA", "RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64)),
    ES256("EC", "SHA256withECDSAinP1363Format", null),
    ES384("EC", "SHA384withECDSAinP1363Format", null),
    ES512("EC", "SHA512withECDSAinP1363Format", null),
    EdDSA("OKP", "Ed25519", null);

    private static final Map<String, String> EC_CURVES = Map.of("ES256", "P-256", "ES384", "P-384", "ES512", "P-521");

    final String keyType;
    final String jcaName;
    final PSSParameterSpec pssParams;

    JwsAlgorithm(String keyType, String jcaName, PSSParameterSpec pssParams) {
        this.keyType = keyType;
        this.jcaName = jcaName;
        this.pssParams = pssParams;
    }

    /** The curve an ES* algorithm requires, else null. */
    String curve() {
        return EC_CURVES.get(name());
    }

    static JwsAlgorithm byName(String name) {
        for (var alg : values()) {
            if (alg.name().equals(name)) {
                return alg;
            }
        }
        return null;
    }

    private static PSSParameterSpec pss(String digest, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(digest, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
