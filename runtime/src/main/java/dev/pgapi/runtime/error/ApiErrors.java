package dev.pgapi.runtime.error;

import java.util.Collection;
import java.util.List;

/**
 * The error catalogue: one factory per error the service answers, taking the variable parts. The code and status
 * come from the {@link ErrorKind}; message, details, hint and headers are written here, as PostgREST words them.
 * Errors of the database itself are mapped by {@link PgErrors}.
 */
public final class ApiErrors {

    /** PGRST301 details when no key of the set fits the token's header. */
    public static final String NO_SUITABLE_KEY = "No suitable key was found to decode the JWT";
    /** PGRST301 details when keys fit but none verified the signature. */
    public static final String NO_KEY_DECODED = "None of the keys was able to decode the JWT";

    private static final String RANGE_NOT_SATISFIABLE = "Requested range not satisfiable";

    private ApiErrors() {}

    // PGRST0xx

    public static ApiError connection(String details) {
        return ApiError.of(ErrorKind.CONNECTION, "Database connection error. Retrying the connection.", details, null);
    }

    public static ApiError client(String details) {
        return ApiError.of(ErrorKind.CLIENT, "Database client error. Retrying the connection.", details, null);
    }

    public static ApiError acquisitionTimeout() {
        return ApiError.of(
                ErrorKind.ACQUISITION_TIMEOUT, "Timed out acquiring connection from connection pool.", null, null);
    }

    // PGRST1xx

    /**
     * A query parameter that does not follow PostgREST's grammar, e.g. message
     * {@code "failed to parse filter (0)" (line 1, column 1)} and details
     * {@code unexpected "0" expecting "not" or operator (eq, gt, ...)}.
     *
     * @param what      what was being parsed ({@code select parameter}, {@code filter}, {@code logic tree}, ...)
     * @param input     the parameter value
     * @param position  0-based offset of the offending character
     * @param expecting what the grammar wanted there
     */
    public static ApiError queryParam(String what, String input, int position, String expecting) {
        String unexpected = position >= input.length() ? "end of input" : "\"" + input.charAt(position) + "\"";
        String message = "\"failed to parse " + what + " (" + input + ")\" (line 1, column " + (position + 1) + ")";
        return ApiError.of(
                ErrorKind.QUERY_PARAM, message, "unexpected " + unexpected + " expecting " + expecting, null);
    }

    public static ApiError rpcMethod(String method) {
        return ApiError.of(ErrorKind.INVALID_RPC_METHOD, "Cannot use the " + method + " method on RPC", null, null);
    }

    public static ApiError invalidJson() {
        return invalidBody("Empty or invalid json");
    }

    public static ApiError keysMustMatch() {
        return invalidBody("All object keys must match");
    }

    public static ApiError csvFieldCount() {
        return invalidBody("All lines must have same number of fields");
    }

    public static ApiError csvUnterminatedQuote() {
        return invalidBody("Unterminated quoted field in CSV body");
    }

    public static ApiError bodyNotUtf8() {
        return invalidBody("The request body is not valid UTF-8");
    }

    public static ApiError contentTypeNotAcceptable(String mediaType) {
        return invalidBody("Content-Type not acceptable: " + mediaType);
    }

    private static ApiError invalidBody(String message) {
        return ApiError.of(ErrorKind.INVALID_BODY, message, null, null);
    }

    /** The requested offset lies past the {@code total} rows; {@code Content-Range} tells the total. */
    public static ApiError offsetBeyondTotal(long offset, long total) {
        return ApiError.of(
                        ErrorKind.INVALID_RANGE,
                        RANGE_NOT_SATISFIABLE,
                        "An offset of " + offset + " was requested, but there are only " + total + " rows.",
                        null)
                .withHeader("Content-Range", "*/" + total);
    }

    public static ApiError rangeBoundsInverted() {
        return ApiError.of(
                ErrorKind.INVALID_RANGE,
                RANGE_NOT_SATISFIABLE,
                "The lower boundary must be lower than or equal to the upper boundary in the Range header.",
                null);
    }

    public static ApiError negativeLimit() {
        return ApiError.of(
                ErrorKind.INVALID_RANGE, RANGE_NOT_SATISFIABLE, "Limit should be greater than or equal to zero.", null);
    }

    /** PUT's filters are not exactly the primary key with {@code eq}. */
    public static ApiError putFilters() {
        return ApiError.of(
                ErrorKind.INVALID_FILTERS,
                "Filters must include all and only primary key columns with 'eq' operators",
                null,
                null);
    }

    public static ApiError invalidSchema(String requested, List<String> schemas) {
        return ApiError.of(
                ErrorKind.UNACCEPTABLE_SCHEMA,
                "Invalid schema: " + requested,
                null,
                "Only the following schemas are exposed: " + String.join(", ", schemas));
    }

    /** @param described the {@code Accept} header's media types as PostgREST lists them */
    public static ApiError mediaTypes(String described) {
        return ApiError.of(ErrorKind.MEDIA_TYPE, "None of these media types are available: " + described, null, null);
    }

    public static ApiError notEmbedded(String name) {
        return ApiError.of(
                ErrorKind.NOT_EMBEDDED,
                "'" + name + "' is not an embedded resource in this request",
                null,
                "Verify that '" + name + "' is included in the 'select' query parameter.");
    }

    /** A filter, order or limit names an aliased embed by its relation, which the legacy rule no longer allows. */
    public static ApiError targetNameAliased(String name, String alias) {
        return ApiError.of(
                ErrorKind.NOT_EMBEDDED,
                "'" + name + "' is not an embedded resource in this request",
                "Target names are not allowed in filters if they have an alias",
                "Change '" + name + "' to '" + alias + "' in filters, orders or limits.");
    }

    public static ApiError gucHeaders() {
        return ApiError.of(
                ErrorKind.GUC_HEADERS,
                "response.headers guc must be a JSON array composed of objects with a single key and a string value",
                null,
                null);
    }

    public static ApiError gucStatus() {
        return ApiError.of(ErrorKind.GUC_STATUS, "response.status guc must be a valid status code", null, null);
    }

    public static ApiError putLimit() {
        return ApiError.of(
                ErrorKind.PUT_LIMIT_NOT_ALLOWED,
                "limit/offset querystring parameters are not allowed for PUT",
                null,
                null);
    }

    public static ApiError putKeyMismatch() {
        return ApiError.of(
                ErrorKind.PUT_MATCHING_PK, "Payload values do not match URL in primary key column(s)", null, null);
    }

    public static ApiError singularity(long rows) {
        return ApiError.of(
                ErrorKind.SINGULARITY,
                "Cannot coerce the result to a single JSON object",
                "The result contains " + rows + " rows",
                null);
    }

    public static ApiError unsupportedMethod(String method) {
        return ApiError.of(ErrorKind.UNSUPPORTED_METHOD, "Unsupported HTTP method: " + method, null, null);
    }

    public static ApiError relatedOrderNotToOne(String relation, String embed) {
        return ApiError.of(
                ErrorKind.RELATED_ORDER_NOT_TO_ONE,
                "A related order on '" + embed + "' is not possible",
                "'" + relation + "' and '" + embed + "' do not form a many-to-one or one-to-one relationship",
                null);
    }

    public static ApiError embeddedFilter(String embed) {
        return ApiError.of(
                ErrorKind.UNACCEPTABLE_FILTER,
                "Bad operator on the '" + embed + "' embedded resource",
                "Only is null or not is null filters are allowed on embedded resources",
                null);
    }

    /** {@code RAISE SQLSTATE 'PGRST'} whose MESSAGE or DETAIL is not the JSON it must be. */
    public static ApiError pgrstParse(String details, String hint) {
        return ApiError.of(
                ErrorKind.PGRST_PARSE, "Could not parse JSON in the \"RAISE SQLSTATE 'PGRST'\" error", details, hint);
    }

    public static ApiError invalidPreferences(Collection<String> invalid) {
        return ApiError.of(
                ErrorKind.INVALID_PREFERENCES,
                "Invalid preferences given with handling=strict",
                "Invalid preferences: " + String.join(", ", invalid),
                null);
    }

    public static ApiError aggregatesNotAllowed() {
        return ApiError.of(ErrorKind.AGGREGATES_NOT_ALLOWED, "Use of aggregate functions is not allowed", null, null);
    }

    public static ApiError maxAffected(long rows) {
        return ApiError.of(
                ErrorKind.MAX_AFFECTED_VIOLATION,
                "Query result exceeds max-affected preference constraint",
                "The query affects " + rows + " rows",
                null);
    }

    public static ApiError invalidPath() {
        return ApiError.of(ErrorKind.INVALID_RESOURCE_PATH, "Invalid path specified in request URL", null, null);
    }

    public static ApiError rootDisabled() {
        return ApiError.of(ErrorKind.OPENAPI_DISABLED, "Root endpoint metadata is disabled", null, null);
    }

    public static ApiError spreadAggregates() {
        return ApiError.of(
                ErrorKind.NOT_IMPLEMENTED,
                "Feature not implemented",
                "Aggregates are not implemented for one-to-many or many-to-many spreads.",
                null);
    }

    public static ApiError maxAffectedNotSetof() {
        return ApiError.of(
                ErrorKind.MAX_AFFECTED_RPC_VIOLATION,
                "Function must return SETOF or TABLE when max-affected preference is used with handling=strict",
                null,
                null);
    }

    // PGRST2xx

    /** @param details and {@code hint}: the search that found nothing and a suggestion, each possibly null */
    public static ApiError noRelationship(String origin, String target, String details, String hint) {
        return ApiError.of(
                ErrorKind.NO_RELATIONSHIP,
                "Could not find a relationship between '" + origin + "' and '" + target + "' in the schema cache",
                details,
                hint);
    }

    /**
     * @param detailsJson the candidates as a JSON array
     * @param options     the embed hints that would pick one, as a list
     */
    public static ApiError ambiguousRelationship(String origin, String target, String detailsJson, String options) {
        return ApiError.ofJsonDetails(
                ErrorKind.AMBIGUOUS_RELATIONSHIP,
                "Could not embed because more than one" + " relationship was found for '" + origin + "' and '" + target
                        + "'",
                detailsJson,
                "Try changing '" + target + "' to one of the following: " + options
                        + ". Find the desired relationship in the 'details' key.");
    }

    /**
     * @param qualified  {@code schema.name}
     * @param arguments  the argument names given, sorted; empty for a call without parameters
     * @param closest    the closest function PostgREST suggests ({@code schema.name} or with its parameters), or
     *                   null
     */
    public static ApiError noFunction(String qualified, List<String> arguments, String closest) {
        String args = String.join(", ", arguments);
        String message = arguments.isEmpty()
                ? "Could not find the function " + qualified + " without parameters in the schema cache"
                : "Could not find the function " + qualified + "(" + args + ") in the schema cache";
        String details = arguments.isEmpty()
                ? "Searched for the function " + qualified
                        + " without parameters, but no matches were found in the schema cache."
                : "Searched for the function " + qualified + " with parameter(s) " + args
                        + ", but no matches were found in the schema cache.";
        return ApiError.of(
                ErrorKind.NO_FUNCTION,
                message,
                details,
                closest == null ? null : "Perhaps you meant to call the function " + closest);
    }

    public static ApiError ambiguousFunction(String candidates) {
        return ApiError.of(
                ErrorKind.AMBIGUOUS_FUNCTION,
                "Could not choose the best candidate function between: " + candidates,
                null,
                "Try renaming the parameters or the function itself in the database so function overloading"
                        + " can be resolved");
    }

    public static ApiError columnNotFound(String column, String relation) {
        return ApiError.of(
                ErrorKind.COLUMN_NOT_FOUND,
                "Could not find the '" + column + "' column of '" + relation + "' in the schema cache",
                null,
                null);
    }

    /** @param closest the most similar table of the schema, or null */
    public static ApiError tableNotFound(String schema, String name, String closest) {
        return ApiError.of(
                ErrorKind.TABLE_NOT_FOUND,
                "Could not find the table '" + schema + "." + name + "' in the schema cache",
                null,
                closest == null ? null : "Perhaps you meant the table '" + schema + "." + closest + "'");
    }

    // PGRST3xx, with their WWW-Authenticate headers

    public static ApiError jwtSecretMissing() {
        return ApiError.of(ErrorKind.JWT_SECRET_MISSING, "Server lacks JWT secret", null, null);
    }

    public static ApiError jwtTokenRequired() {
        return ApiError.of(ErrorKind.JWT_TOKEN_REQUIRED, "Anonymous access is disabled", null, null)
                .withHeader("WWW-Authenticate", "Bearer");
    }

    /** The token could not be decoded or verified. */
    public static ApiError jwtDecode(String message, String details) {
        return invalidToken(ApiError.of(ErrorKind.JWT_DECODE, message, details, null), message);
    }

    public static ApiError jwtKeyError(String details) {
        return jwtDecode("No suitable key or wrong key type", details);
    }

    public static ApiError jwtBadCrypto() {
        return jwtDecode("JWT cryptographic operation failed", null);
    }

    /** The claims are unusable. */
    public static ApiError jwtClaims(String message) {
        return invalidToken(ApiError.of(ErrorKind.JWT_CLAIMS, message, null, null), message);
    }

    /** RFC 6750 header; the description is quoted the way Haskell's {@code show} quotes text. */
    private static ApiError invalidToken(ApiError error, String message) {
        String quoted = "\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return error.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=" + quoted);
    }

    // PGRSTX00

    public static ApiError internal() {
        return ApiError.of(ErrorKind.INTERNAL, "Internal server error", null, null);
    }

    // pgapi's own

    public static ApiError malformedHttp() {
        return ApiError.of(
                ErrorKind.HTTP_BAD_REQUEST,
                "Bad request",
                "The request is not valid HTTP/1.1: its request line, headers or body framing could not be read",
                null);
    }

    /** Refused by the HTTP server before the body was read. */
    public static ApiError payloadTooLarge() {
        return ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "Payload too large", null, null);
    }

    public static ApiError bodyOverMaxSize(long maxBytes) {
        return ApiError.of(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "The request body is larger than the server-max-body-size of " + maxBytes + " bytes",
                null);
    }

    public static ApiError bodyOverBudget(long capacity) {
        return ApiError.of(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "The request body is larger than the " + capacity + " bytes this server holds in memory at once",
                null);
    }

    public static ApiError bodyBudgetExhausted(long capacity) {
        return ApiError.of(
                ErrorKind.BODY_BUDGET_EXHAUSTED,
                "Too many large request bodies at once",
                "The request bodies being processed fill the server's budget of " + capacity + " bytes",
                "Retry the request shortly");
    }

    public static ApiError uriTooLong(int maxRequestLine) {
        return ApiError.of(
                ErrorKind.URI_TOO_LONG,
                "URI too long",
                "The request line is longer than the server-max-request-line-size of " + maxRequestLine + " bytes",
                null);
    }

    public static ApiError httpVersionNotSupported() {
        return ApiError.of(
                ErrorKind.HTTP_VERSION_NOT_SUPPORTED,
                "HTTP version not supported",
                "HTTP/1.0 is served as the first request of a connection only",
                null);
    }

    /**
     * Any other refusal of the HTTP server: {@code PGRST} and its status, the reason phrase as message. The status
     * is the server's, not one of ours.
     */
    public static ApiError transport(int status) {
        return ApiError.of(status, "PGRST" + status, ReasonPhrases.of(status), null, null);
    }

    // SQLSTATEs PostgreSQL would raise, found before it is asked; their status is PgErrors'

    /** 42712: two embeds would get the same table alias. */
    public static ApiError duplicateAlias(String alias) {
        return postgres("42712", "table name \"" + alias + "\" specified more than once");
    }

    /** 42703 */
    public static ApiError undefinedColumn(String alias, String column) {
        return postgres("42703", "column " + alias + "." + column + " does not exist");
    }

    /** 42704 */
    public static ApiError undefinedType(String type) {
        return postgres("42704", "type \"" + type + "\" does not exist");
    }

    /** 22003 */
    public static ApiError outOfRange(String value, String type) {
        return postgres("22003", "value \"" + value + "\" is out of range for type " + type);
    }

    /** 22P02 */
    public static ApiError invalidInput(String type, String value) {
        return postgres("22P02", "invalid input syntax for type " + type + ": \"" + value + "\"");
    }

    private static ApiError postgres(String sqlState, String message) {
        return ApiError.of(PgErrors.status(sqlState, message, false), sqlState, message, null, null);
    }
}
