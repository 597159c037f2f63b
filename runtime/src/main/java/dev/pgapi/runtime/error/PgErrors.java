package dev.pgapi.runtime.error;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Maps a failed database call to PostgREST's error response ({@code Error.hs}: {@code mapSQLtoHTTP} and the
 * {@code PgError} instances). Body: SQLSTATE, message, detail and hint of the server error.
 *
 * <p>Headers added here: {@code WWW-Authenticate: Bearer} on every 401, and the custom headers of
 * {@code RAISE SQLSTATE 'PGRST'} (which replace it). {@code Proxy-Status} (every error) and {@code Retry-After}
 * (503s) are left to the HTTP layer, which writes them for all errors alike.
 */
public final class PgErrors {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PgErrors() {}

    /**
     * @param authenticated whether the request's JWT role differs from the anonymous role (42501 → 403, else 401)
     */
    public static ApiError fromSql(SQLException e, boolean authenticated) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && server.getSQLState() != null) {
            return fromServer(
                    server.getSQLState(),
                    nullToEmpty(server.getMessage()),
                    server.getDetail(),
                    server.getHint(),
                    authenticated);
        }
        if (e instanceof SQLTransientConnectionException) {
            // Hikari gives up waiting for a connection; if connecting itself failed, the cause says so.
            return e.getCause() instanceof SQLException cause && isConnectionFailure(cause)
                    ? connectionError(cause)
                    : ApiErrors.acquisitionTimeout();
        }
        if (couldNotConnect(e)) {
            return connectionError(e);
        }
        // e.g. the connection broke during the request (08006)
        return ApiErrors.client(e.getMessage());
    }

    static ApiError fromServer(String sqlState, String message, String detail, String hint, boolean authenticated) {
        if (sqlState.equals("PGRST")) {
            return raisedPgrst(message, detail);
        }
        int status = status(sqlState, message, authenticated);
        ApiError error = ApiError.of(status, sqlState, message, detail, hint);
        if (sqlState.startsWith("PT") && status != 500) {
            error = error.withReason(message);
        }
        return status == 401 ? error.withHeader("WWW-Authenticate", "Bearer") : error;
    }

    /** {@code mapSQLtoHTTP}; the first matching row wins. */
    static int status(String code, String message, boolean authenticated) {
        return switch (code) {
            case "23503", "23505" -> 409;
            case "25006" -> 405;
            case "21000" -> message.endsWith("requires a WHERE clause") ? 400 : 500;
            case "22023" -> message.startsWith("role") && message.endsWith("does not exist") ? 401 : 400;
            case "53400" -> 500;
            case "57P01" -> 503;
            case "P0001" -> 400;
            case "42883" -> message.startsWith("function xmlagg(") ? 406 : 404;
            case "42P01" -> 404;
            case "42P17" -> 500;
            case "42501" -> authenticated ? 403 : 401;
            default -> byClass(code);
        };
    }

    private static int byClass(String code) {
        if (code.startsWith("PT")) {
            String digits = code.substring(2);
            return digits.matches("[0-9]{3}") && Integer.parseInt(digits) >= 100 ? Integer.parseInt(digits) : 500;
        }
        return switch (code.length() < 2 ? "" : code.substring(0, 2)) {
            case "08", "53" -> 503;
            case "0L", "0P", "28" -> 403;
            case "09", "25", "2D", "38", "39", "3B", "40", "54", "55", "57", "58", "F0", "HV", "P0", "XX" -> 500;
            default -> 400;
        };
    }

    /**
     * {@code RAISE SQLSTATE 'PGRST' USING MESSAGE = '{"code":..,"message":..,"details":..,"hint":..}',
     * DETAIL = '{"status":..,"status_text":..,"headers":{..}}'}: full control over the response.
     */
    private static ApiError raisedPgrst(String message, String detail) {
        JsonNode body = parse(message);
        if (body == null
                || !isText(body, "code", true)
                || !isText(body, "message", true)
                || !isText(body, "details", false)
                || !isText(body, "hint", false)) {
            return pgrstParseError(
                    "Invalid JSON value for MESSAGE: '" + message + "'",
                    "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.");
        }
        String detailHint =
                "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
        if (detail == null) {
            return pgrstParseError("DETAIL is missing in the RAISE statement", detailHint);
        }
        JsonNode control = parse(detail);
        if (control == null
                || !control.path("status").canConvertToExactIntegral()
                || !control.path("status").canConvertToInt()
                || !isText(control, "status_text", false)
                || !control.path("headers").isObject()
                || !allText(control.get("headers"))) {
            return pgrstParseError("Invalid JSON value for DETAIL: '" + detail + "'", detailHint);
        }
        ApiError error = ApiError.of(
                control.get("status").intValue(),
                body.get("code").textValue(),
                body.get("message").textValue(),
                body.path("details").textValue(),
                body.path("hint").textValue());
        if (control.hasNonNull("status_text")) {
            error = error.withReason(control.get("status_text").textValue());
        }
        // PostgREST emits them from a Map, so in key order.
        var headers = new TreeMap<String, String>();
        control.get("headers")
                .properties()
                .forEach(h -> headers.put(h.getKey(), h.getValue().textValue()));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            error = error.withHeader(h.getKey(), h.getValue());
        }
        return error;
    }

    private static ApiError pgrstParseError(String details, String hint) {
        return ApiErrors.pgrstParse(details, hint);
    }

    private static ApiError connectionError(SQLException e) {
        return ApiErrors.connection(e.getMessage());
    }

    /** 08001 (unable to connect, also the database's state while it is unreachable) or 08004 (rejected). */
    private static boolean couldNotConnect(SQLException e) {
        return "08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState());
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A string field; optional ones may also be absent or null. */
    private static boolean isText(JsonNode object, String field, boolean required) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? !required : v.isTextual();
    }

    private static boolean allText(JsonNode object) {
        for (JsonNode v : object) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
