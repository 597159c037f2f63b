package dev.pgapi.runtime.error;

/**
 * Every {@code PGRST} error the service answers, with its code and HTTP status: PostgREST's list ({@code Error.hs})
 * plus the few pgapi adds for what PostgREST's HTTP server answers itself (code {@code PGRST} and the status).
 * Message templates and headers are in {@link ApiErrors}; errors raised by PostgreSQL (and the SQLSTATEs pgapi
 * raises before asking it) take their status from {@link PgErrors}.
 */
public enum ErrorKind {

    // PGRST0xx: the connection
    CONNECTION("PGRST000", 503),
    CLIENT("PGRST001", 503),
    ACQUISITION_TIMEOUT("PGRST003", 504),

    // PGRST1xx: the request
    QUERY_PARAM("PGRST100", 400),
    INVALID_RPC_METHOD("PGRST101", 405),
    INVALID_BODY("PGRST102", 400),
    INVALID_RANGE("PGRST103", 416),
    INVALID_FILTERS("PGRST105", 405),
    UNACCEPTABLE_SCHEMA("PGRST106", 406),
    MEDIA_TYPE("PGRST107", 406),
    NOT_EMBEDDED("PGRST108", 400),
    GUC_HEADERS("PGRST111", 500),
    GUC_STATUS("PGRST112", 500),
    PUT_LIMIT_NOT_ALLOWED("PGRST114", 400),
    PUT_MATCHING_PK("PGRST115", 400),
    SINGULARITY("PGRST116", 406),
    UNSUPPORTED_METHOD("PGRST117", 405),
    RELATED_ORDER_NOT_TO_ONE("PGRST118", 400),
    UNACCEPTABLE_FILTER("PGRST120", 400),
    PGRST_PARSE("PGRST121", 500),
    INVALID_PREFERENCES("PGRST122", 400),
    AGGREGATES_NOT_ALLOWED("PGRST123", 400),
    MAX_AFFECTED_VIOLATION("PGRST124", 400),
    INVALID_RESOURCE_PATH("PGRST125", 404),
    OPENAPI_DISABLED("PGRST126", 404),
    NOT_IMPLEMENTED("PGRST127", 400),
    MAX_AFFECTED_RPC_VIOLATION("PGRST128", 400),

    // PGRST2xx: the schema
    NO_RELATIONSHIP("PGRST200", 400),
    AMBIGUOUS_RELATIONSHIP("PGRST201", 300),
    NO_FUNCTION("PGRST202", 404),
    AMBIGUOUS_FUNCTION("PGRST203", 300),
    COLUMN_NOT_FOUND("PGRST204", 400),
    TABLE_NOT_FOUND("PGRST205", 404),

    // PGRST3xx: JWT
    JWT_SECRET_MISSING("PGRST300", 500),
    JWT_DECODE("PGRST301", 401),
    JWT_TOKEN_REQUIRED("PGRST302", 401),
    JWT_CLAIMS("PGRST303", 401),

    // PGRSTX00: a failure that is no error of the request
    INTERNAL("PGRSTX00", 500),

    // pgapi's own: what PostgREST's HTTP server (not PostgREST) refuses, and the server's body budget
    HTTP_BAD_REQUEST("PGRST400", 400),
    PAYLOAD_TOO_LARGE("PGRST413", 413),
    URI_TOO_LONG("PGRST414", 414),
    BODY_BUDGET_EXHAUSTED("PGRST503", 503),
    HTTP_VERSION_NOT_SUPPORTED("PGRST505", 505);

    private final String code;
    private final int status;

    ErrorKind(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
