package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.error.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Turns an {@code Authorization} header into the role and claims of a request, exactly as PostgREST does: same
 * header parsing, key selection, checks, order of checks and error texts. Thread-safe.
 *
 * <p>The compact JWS is parsed here rather than by a JWT library so that every failure maps to the same PostgREST
 * error; only signature checks use the JDK's {@code Mac}/{@code Signature}. The algorithm always comes from the
 * token header but must fit a configured key (its type, and its {@code alg} if the key has one), so a token cannot
 * pick a weaker algorithm than the keys allow.
 */
public final class JwtAuthenticator {

    private static final long CLOCK_SKEW_SECONDS = 30;

    /** {@code jwt-secret}'s keys, or null. */
    private final JwtKeySet keys;
    /** An identity provider's keys, or null. */
    private final RemoteJwks remote;

    private final String anonRole;
    private final String audience;
    private final RoleClaimPath roleClaimKey;
    private final Clock clock;
    private final int cacheMaxEntries;
    /** Null when anonymous access is disabled. */
    private final AuthResult anonymous;
    /** Signature-verified tokens: time claims are still checked on every use. */
    private final ConcurrentHashMap<String, Verified> cache = new ConcurrentHashMap<>();
    // counted for the service's life: a reload's new verifier continues them (metrics must not go backwards)
    private final LongAdder signatureChecks;
    private final LongAdder cacheRequests;
    private final LongAdder cacheHits;
    private final LongAdder cacheEvictions;

    /** A token whose signature verified, with everything that does not depend on the time precomputed. */
    private record Verified(JsonNode claims, ApiError audError, AuthResult result) {}

    private JwtAuthenticator(JwtSettings settings, Clock clock, JwtAuthenticator previous) {
        this.signatureChecks = previous == null ? new LongAdder() : previous.signatureChecks;
        this.cacheRequests = previous == null ? new LongAdder() : previous.cacheRequests;
        this.cacheHits = previous == null ? new LongAdder() : previous.cacheHits;
        this.cacheEvictions = previous == null ? new LongAdder() : previous.cacheEvictions;
        this.keys = settings.keys();
        this.remote = settings.jwks() == null ? null : new RemoteJwks(settings.jwks());
        this.anonRole = settings.anonRole();
        this.audience = settings.audience();
        this.roleClaimKey = settings.roleClaimKey();
        this.cacheMaxEntries = settings.cacheMaxEntries();
        this.clock = clock;
        this.anonymous = anonymous(anonRole);
    }

    /** A verifier; it does no I/O until {@link #start}. */
    public static JwtAuthenticator create(JwtSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** With an explicit clock for the time claims. */
    public static JwtAuthenticator create(JwtSettings settings, Clock clock) {
        return new JwtAuthenticator(settings, clock, null);
    }

    /**
     * The verifier for a reloaded configuration: an empty token cache (keys may have changed), the counters of
     * {@code previous} continued. Start it before use.
     */
    public static JwtAuthenticator reloaded(JwtSettings settings, JwtAuthenticator previous) {
        return new JwtAuthenticator(settings, previous.clock, previous);
    }

    /**
     * Fetches an identity provider's keys (with {@code jwt-jwks-url} / {@code jwt-oidc-issuer}).
     *
     * @return this
     * @throws KeysUnavailableException when they cannot be fetched
     */
    public JwtAuthenticator start() {
        // the JSON parser's set-up costs a noticeable part of startup: do it alongside the web server's
        Thread.ofVirtual().name("pgapi-json-warm-up").start(() -> JsonSupport.object(new byte[] {'{', '}'}));
        if (remote != null) {
            remote.fetchFirst();
        }
        return this;
    }

    /**
     * @param authorizationHeaderOrNull the raw {@code Authorization} header value
     * @throws ApiError PGRST300, PGRST301, PGRST302 or PGRST303 with PostgREST's status, body and headers
     */
    public AuthResult authenticate(String authorizationHeaderOrNull) {
        String token = bearerToken(authorizationHeaderOrNull);
        if (token == null) {
            if (anonymous == null) {
                throw ApiErrors.jwtTokenRequired();
            }
            return anonymous;
        }
        if (keys == null && remote == null) {
            throw ApiErrors.jwtSecretMissing();
        }
        Verified verified = null;
        if (cacheMaxEntries > 0) {
            verified = cache.get(token);
            cacheRequests.increment();
            if (verified != null) {
                cacheHits.increment();
            }
        }
        if (verified == null) {
            verified = verify(token);
            remember(token, verified);
        }
        ApiError claimsError = timeError(verified.claims());
        if (claimsError == null) {
            claimsError = verified.audError();
        }
        if (claimsError != null) {
            throw claimsError;
        }
        if (verified.result() == null) {
            throw ApiErrors.jwtTokenRequired();
        }
        return verified.result();
    }

    /** {@code pgrst_jwt_cache_requests_total}: lookups of a token in the cache. */
    public long cacheRequests() {
        return cacheRequests.sum();
    }

    /** {@code pgrst_jwt_cache_hits_total}: lookups that found the token verified already. */
    public long cacheHits() {
        return cacheHits.sum();
    }

    /** {@code pgrst_jwt_cache_evictions_total}: tokens dropped to keep the cache within its size. */
    public long cacheEvictions() {
        return cacheEvictions.sum();
    }

    /** How many signature verifications ran; lets tests observe the cache. */
    long signatureChecks() {
        return signatureChecks.sum();
    }

    /**
     * wai-extra's {@code extractBearerAuth}: split at the first blank, scheme compared case-insensitively, blanks
     * before the token dropped. Another scheme means no token.
     */
    private static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        int i = 0;
        while (i < header.length() && !isSpace(header.charAt(i))) {
            i++;
        }
        if (!header.substring(0, i).equalsIgnoreCase("bearer")) {
            return null;
        }
        while (i < header.length() && isSpace(header.charAt(i))) {
            i++;
        }
        return header.substring(i);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0xa0;
    }

    /** Decoding as jose-jwt's {@code decode} does, with PostgREST's part count check first. */
    private Verified verify(String token) {
        if (token.isEmpty()) {
            throw ApiErrors.jwtDecode("Empty JWT is sent in Authorization header", null);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw ApiErrors.jwtDecode("Expected 3 parts in JWT; got " + parts.length, null);
        }
        byte[] headerBytes = Base64Url.decode(parts[0]);
        JsonNode header = headerBytes == null ? null : JsonSupport.object(headerBytes);
        byte[] payload = Base64Url.decode(parts[1]);
        if (header == null || payload == null) {
            throw ApiErrors.jwtBadCrypto();
        }
        if (header.path("alg").asText("").equals("none") && header.get("alg").isTextual()) {
            throw ApiErrors.jwtDecode(
                    "Wrong or unsupported encoding algorithm", "JWT is unsecured but expected 'alg' was not 'none'");
        }
        JwsAlgorithm alg = JwsAlgorithm.byName(
                header.path("alg").isTextual() ? header.get("alg").textValue() : "");
        byte[] signature = Base64Url.decode(parts[2]);
        // Unknown algorithms, JWE headers and malformed optional fields make jose-jwt's header parser fail.
        // No JWS extension is understood, so a "crit" header, well-formed or not, refuses the token (RFC 7515 §4.1.11).
        if (alg == null
                || header.has("enc")
                || header.has("crit")
                || !optionalText(header, "kid")
                || !optionalText(header, "typ")
                || !optionalText(header, "cty")
                || signature == null) {
            throw ApiErrors.jwtBadCrypto();
        }
        String kid = header.path("kid").textValue();
        List<JwtKey> candidates = candidates(alg, kid);
        // A kid nobody knows: the provider may have rotated its keys (refresh() limits how often we ask).
        if (candidates.isEmpty()
                && kid != null
                && remote != null
                && allKeys().noneMatch(k -> kid.equals(k.kid()))
                && remote.refresh()) {
            cache.clear(); // tokens verified with keys the provider dropped must not stay valid
            candidates = candidates(alg, kid);
        }
        if (candidates.isEmpty()) {
            throw ApiErrors.jwtKeyError(ApiErrors.NO_SUITABLE_KEY);
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        signatureChecks.increment();
        if (candidates.stream().noneMatch(k -> k.verify(alg, signingInput, signature))) {
            throw ApiErrors.jwtKeyError(ApiErrors.NO_KEY_DECODED);
        }
        JsonNode claims = JsonSupport.object(payload);
        if (claims == null) {
            throw ApiErrors.jwtClaims("Parsing claims failed");
        }
        return new Verified(claims, audError(claims), resolve(claims));
    }

    private Stream<JwtKey> allKeys() {
        var fromSecret = keys == null ? Stream.<JwtKey>empty() : keys.keys().stream();
        return remote == null ? fromSecret : Stream.concat(fromSecret, remote.keys().stream());
    }

    private List<JwtKey> candidates(JwsAlgorithm alg, String kid) {
        return allKeys().filter(k -> k.canVerify(alg, kid)).toList();
    }

    private static boolean optionalText(JsonNode header, String field) {
        JsonNode v = header.get(field);
        return v == null || v.isNull() || v.isTextual();
    }

    private void remember(String token, Verified verified) {
        if (cacheMaxEntries <= 0) {
            return;
        }
        // Bounded by evicting an arbitrary entry: cheap, lock-free, and good enough for a token cache.
        while (cache.size() >= cacheMaxEntries) {
            Iterator<String> it = cache.keySet().iterator();
            if (!it.hasNext()) {
                break;
            }
            if (cache.remove(it.next()) != null) {
                cacheEvictions.increment();
            }
        }
        cache.put(token, verified);
    }

    /** exp, nbf, iat in this order, with 30 s of skew; absent or null claims are not checked. */
    private ApiError timeError(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp != null && !exp.isNull()) {
            if (!exp.isNumber()) {
                return ApiErrors.jwtClaims("The JWT 'exp' claim must be a number");
            }
            if (now - CLOCK_SKEW_SECONDS > seconds(exp)) {
                return ApiErrors.jwtClaims("JWT expired");
            }
        }
        String[][] future = {{"nbf", "JWT not yet valid"}, {"iat", "JWT issued at future"}};
        for (String[] claim : future) {
            JsonNode v = claims.get(claim[0]);
            if (v != null && !v.isNull()) {
                if (!v.isNumber()) {
                    return ApiErrors.jwtClaims("The JWT '" + claim[0] + "' claim must be a number");
                }
                if (now + CLOCK_SKEW_SECONDS < seconds(v)) {
                    return ApiErrors.jwtClaims(claim[1]);
                }
            }
        }
        return null;
    }

    /** PostgREST's "bounded integer or 0": a fractional or out-of-range number counts as 0. */
    private static long seconds(JsonNode number) {
        try {
            return (number.isIntegralNumber() ? new BigDecimal(number.bigIntegerValue()) : number.decimalValue())
                    .longValueExact();
        } catch (ArithmeticException e) {
            return 0;
        }
    }

    /** {@code aud} must be a string or an array of strings; with {@code jwt-aud} set it must match (an empty array
     *  passes). */
    private ApiError audError(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        if (aud == null || aud.isNull()) {
            return null;
        }
        if (aud.isTextual()) {
            return audience == null || audience.equals(aud.textValue())
                    ? null
                    : ApiErrors.jwtClaims("JWT not in audience");
        }
        if (aud.isArray()) {
            boolean allText = true;
            boolean matches = aud.isEmpty() || audience == null;
            for (JsonNode a : aud) {
                allText &= a.isTextual();
                matches |= a.isTextual() && a.textValue().equals(audience);
            }
            if (allText) {
                return matches ? null : ApiErrors.jwtClaims("JWT not in audience");
            }
        }
        return ApiErrors.jwtClaims("The JWT 'aud' claim must be a string or an array of strings");
    }

    /**
     * What {@link #resolve} makes of no claims at all, built without the JSON parser (whose set-up would otherwise
     * hold up startup); null without an anonymous role.
     */
    private static AuthResult anonymous(String anonRole) {
        if (anonRole == null) {
            return null;
        }
        return new AuthResult(
                anonRole,
                "{\"role\":" + Json.quote(anonRole) + "}",
                Map.of("role", anonRole),
                false,
                Collections.unmodifiableSequencedMap(new TreeMap<>(Map.of("role", anonRole))));
    }

    /** The role claim (a string verbatim, other JSON rendered) or the anonymous role; null when neither exists. */
    private AuthResult resolve(JsonNode claims) {
        JsonNode claim = roleClaimKey.first(claims);
        String role = claim == null ? anonRole : claim.isTextual() ? claim.textValue() : JsonSupport.canonical(claim);
        if (role == null) {
            return null;
        }
        ObjectNode withRole = ((ObjectNode) claims.deepCopy()).put("role", role);
        Map<String, Object> ordered = new LinkedHashMap<>(JsonSupport.toJavaObject(claims));
        ordered.put("role", role);
        return new AuthResult(
                role,
                JsonSupport.canonical(withRole),
                Collections.unmodifiableMap(ordered),
                !role.equals(anonRole),
                JsonSupport.memberTexts(withRole, ClaimSettings::settable));
    }
}
