package dev.pgapi.generator.emit;

import com.palantir.javapoet.ClassName;

/**
 * Names of the runtime and Helidon types generated code refers to. The generator does not depend on the runtime:
 * these are the public contract between the two.
 */
final class RuntimeTypes {

    static final ClassName API_RUNTIME = ClassName.get("dev.pgapi.runtime.http", "ApiRuntime");
    static final ClassName API_ENDPOINTS = ClassName.get("dev.pgapi.runtime.http", "ApiEndpoints");
    static final ClassName RELATION_HANDLERS = ClassName.get("dev.pgapi.runtime.http", "RelationHandlers");
    static final ClassName FUNCTION_HANDLERS = ClassName.get("dev.pgapi.runtime.http", "FunctionHandlers");
    static final ClassName PGAPI_SERVER = ClassName.get("dev.pgapi.runtime", "PgapiServer");
    static final ClassName RELATION_INFO = ClassName.get("dev.pgapi.runtime.schema", "RelationInfo");
    static final ClassName COLUMN_INFO = ClassName.get("dev.pgapi.runtime.schema", "ColumnInfo");
    static final ClassName COMPUTED_FIELD_INFO = ClassName.get("dev.pgapi.runtime.schema", "ComputedFieldInfo");
    static final ClassName RELATIONSHIP_INFO = ClassName.get("dev.pgapi.runtime.schema", "RelationshipInfo");
    static final ClassName CARDINALITY = RELATIONSHIP_INFO.nestedClass("Cardinality");
    static final ClassName JUNCTION = RELATIONSHIP_INFO.nestedClass("Junction");
    static final ClassName FUNCTION_INFO = ClassName.get("dev.pgapi.runtime.schema", "FunctionInfo");
    static final ClassName PARAM_INFO = ClassName.get("dev.pgapi.runtime.schema", "ParamInfo");
    static final ClassName MEDIA_HANDLER_INFO = ClassName.get("dev.pgapi.runtime.schema", "MediaHandlerInfo");
    static final ClassName VALUE_KIND = ClassName.get("dev.pgapi.runtime.schema", "ValueKind");
    static final ClassName RETURN_SHAPE = FUNCTION_INFO.nestedClass("ReturnShape");
    static final ClassName VOLATILITY = FUNCTION_INFO.nestedClass("Volatility");

    static final ClassName HTTP_SERVICE = ClassName.get("io.helidon.webserver.http", "HttpService");
    static final ClassName HTTP_FEATURE = ClassName.get("io.helidon.webserver.http", "HttpFeature");
    static final ClassName HTTP_RULES = ClassName.get("io.helidon.webserver.http", "HttpRules");
    static final ClassName HTTP_ROUTING_BUILDER = ClassName.get("io.helidon.webserver.http", "HttpRouting", "Builder");
    static final ClassName GENERATED = ClassName.get("io.helidon.common", "Generated");

    private RuntimeTypes() {}
}
