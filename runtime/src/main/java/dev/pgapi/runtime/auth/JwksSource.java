package dev.pgapi.runtime.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where an identity provider publishes its signing keys: {@code jwt-jwks-url} (the JWKS itself) or
 * {@code jwt-oidc-issuer} (whose OpenID discovery document names it); exactly one is set.
 *
 * @param refreshInterval {@code jwt-jwks-refresh-interval}: seconds that must pass between two fetches of the JWKS
 */
public record JwksSource(URI jwksUrl, URI oidcIssuer, int refreshInterval) {

    /**
     * An address keys may be fetched from: https, or plain http to a loopback address only (a provider on the same
     * machine, or a test); anything else could be intercepted and would let an attacker supply the keys.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static URI checkedUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("\"" + value + "\" is not an http(s) URL");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(
                    "\"" + value + "\" must use https (plain http only to a loopback address)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Literal addresses only: a name would need a DNS lookup, whose answer an attacker may control.
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
