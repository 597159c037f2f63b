package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.AuthResult;
import java.util.Map;

/**
 * Who a request runs as, as the API filter established it (read-only): the same role and claims the database sees in
 * {@code current_user} and {@code request.jwt.claims}. For display and logging; authorization stays with the
 * database's GRANTs and row-level security.
 *
 * @param role          the role the transaction runs as
 * @param authenticated whether a valid token was sent (false for the anonymous role)
 * @param claims        the token's claims with {@code role} set; unmodifiable
 * @param claimsJson    the same as compact JSON: the value of {@code request.jwt.claims}
 * @param schema        the schema the request addresses ({@code Accept-Profile}/{@code Content-Profile})
 */
public record Identity(
        String role, boolean authenticated, Map<String, Object> claims, String claimsJson, String schema) {

    static Identity of(RequestScope scope) {
        AuthResult auth = scope.auth();
        return new Identity(auth.role(), auth.authenticated(), auth.claims(), auth.claimsJson(), scope.schema());
    }
}
