package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signing keys an identity provider publishes as a JWKS document ({@code jwt-jwks-url}, or the {@code jwks_uri}
 * of {@code jwt-oidc-issuer}'s discovery document). Fetched once at startup; fetched again when a token names a
 * {@code kid} no known key has (the provider rotated its keys), but at most once per refresh interval, so that a
 * stream of forged tokens cannot turn the service into a load generator against the provider. A failed refresh
 * keeps the previous keys.
 */
final class RemoteJwks {

    private static final System.Logger LOG = System.getLogger(RemoteJwks.class.getName());
    /** A JWKS is a few kilobytes; refuse anything absurd instead of buffering it. */
    private static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JwksSource source;
    private final long minIntervalNanos;
    private final HttpClient http;
    private final AtomicLong fetches = new AtomicLong();
    private volatile URI jwksUri;
    private volatile Snapshot current;
    private long lastFetchNanos;

    /** The keys of one fetch, with the document they came from (to tell whether a refresh changed anything). */
    private record Snapshot(String document, List<JwtKey> keys) {}

    /** Prepares the client; fetches nothing yet. */
    RemoteJwks(JwksSource source) {
        this.source = source;
        this.minIntervalNanos = Duration.ofSeconds(source.refreshInterval()).toNanos();
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL) // never from https to http
                .build();
    }

    /**
     * Resolves the JWKS address (through discovery for an issuer) and fetches the keys.
     *
     * @throws KeysUnavailableException with one line naming the key and the reason when the provider cannot be used
     */
    synchronized void fetchFirst() {
        try {
            URI uri = source.jwksUrl() != null ? source.jwksUrl() : discover(http, source.oidcIssuer());
            jwksUri = uri;
            current = fetch();
            lastFetchNanos = System.nanoTime();
        } catch (IOException | IllegalArgumentException e) {
            String key = source.jwksUrl() != null ? "jwt-jwks-url" : "jwt-oidc-issuer";
            throw new KeysUnavailableException(key + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted while fetching the JWKS");
        }
    }

    /** The keys of the last fetch; none before {@link #fetchFirst}. */
    List<JwtKey> keys() {
        Snapshot snapshot = current;
        return snapshot == null ? List.of() : snapshot.keys();
    }

    /** How many times the JWKS document was requested (startup included). */
    long fetches() {
        return fetches.get();
    }

    /**
     * Fetches the keys again unless that happened less than the refresh interval ago.
     *
     * @return whether the key set changed
     */
    synchronized boolean refresh() {
        long now = System.nanoTime();
        if (jwksUri == null) {
            return false; // not started
        }
        if (now - lastFetchNanos < minIntervalNanos) {
            return false;
        }
        lastFetchNanos = now;
        try {
            Snapshot fresh = fetch();
            boolean changed = current == null || !fresh.document().equals(current.document());
            current = fresh;
            return changed;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "keeping the previous keys: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Snapshot fetch() throws IOException, InterruptedException {
        fetches.incrementAndGet();
        JsonNode jwks = getJson(http, jwksUri);
        return new Snapshot(JsonSupport.canonical(jwks), JwtKeySet.parseRemote(jwks));
    }

    /** OpenID Connect Discovery: {@code <issuer>/.well-known/openid-configuration} names the JWKS. */
    private static URI discover(HttpClient http, URI issuer) throws IOException, InterruptedException {
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        URI document = URI.create(base + ".well-known/openid-configuration");
        JsonNode config = getJson(http, document);
        JsonNode jwksUri = config.get("jwks_uri");
        if (jwksUri == null || !jwksUri.isTextual()) {
            throw new IOException(document + " has no \"jwks_uri\"");
        }
        JsonNode named = config.get("issuer");
        if (named != null
                && named.isTextual()
                && !stripSlash(named.textValue()).equals(stripSlash(issuer.toString()))) {
            throw new IOException(document + " is for issuer \"" + named.textValue() + "\"");
        }
        URI uri;
        try {
            uri = JwksSource.checkedUrl(jwksUri.textValue());
        } catch (IllegalArgumentException e) {
            throw new IOException("jwks_uri of " + document + ": " + e.getMessage());
        }
        return uri;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static JsonNode getJson(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("cannot fetch " + uri + " (" + e + ")", e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        }
        if (response.statusCode() != 200) {
            throw new IOException("cannot fetch " + uri + " (HTTP " + response.statusCode() + ")");
        }
        if (body.length > MAX_DOCUMENT_BYTES) {
            throw new IOException(uri + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        JsonNode json = JsonSupport.object(body);
        if (json == null) {
            throw new IOException(uri + " is not a JSON object");
        }
        return json;
    }
}
