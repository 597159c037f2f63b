package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.FunctionInfo;
import dev.pgapi.runtime.schema.ParamInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import dev.pgapi.runtime.schema.ValueKind;
import java.util.List;

/**
 * The OpenAPI 3.1 description served at {@code GET /}, built once from the generated descriptors of one schema
 * (PostgREST serves Swagger 2.0 built from its schema cache).
 */
final class OpenApiDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> READ_PARAMS = List.of("select", "order", "limit", "offset");

    private OpenApiDocument() {}

    static String render(String schema, List<RelationInfo> relations, List<List<FunctionInfo>> functions) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", schema)
                .put("version", "1")
                .put("description", "The API of the PostgreSQL schema '" + schema + "', served by pgapi.");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = NODES.objectNode();
        for (RelationInfo r : relations) {
            if (r.schema().equals(schema)) {
                schemas.set(r.name(), rowSchema(r));
                paths.set("/" + r.name(), relationPath(r));
            }
        }
        for (List<FunctionInfo> overloads : functions) {
            FunctionInfo f = overloads.getFirst();
            if (f.schema().equals(schema)) {
                paths.set("/rpc/" + f.name(), functionPath(overloads));
            }
        }
        doc.putObject("components").set("schemas", schemas);
        try {
            return new ObjectMapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode relationPath(RelationInfo r) {
        ObjectNode path = NODES.objectNode();
        String ref = "#/components/schemas/" + r.name();
        ObjectNode get = operation("Read rows of " + r.name(), arrayOf(ref));
        ArrayNode params = get.putArray("parameters");
        READ_PARAMS.forEach(name -> params.add(queryParam(name, "PostgREST's " + name + " parameter")));
        for (ColumnInfo c : r.columns()) {
            params.add(queryParam(c.name(), "filter, e.g. eq.value"));
        }
        path.set("get", get);
        if (r.insertable()) {
            ObjectNode post = operation("Insert rows into " + r.name(), null);
            post.putObject("requestBody")
                    .putObject("content")
                    .putObject("application/json")
                    .set(
                            "schema",
                            NODES.objectNode()
                                    .set(
                                            "oneOf",
                                            NODES.arrayNode()
                                                    .add(NODES.objectNode().put("$ref", ref))
                                                    .add(arrayOf(ref))));
            path.set("post", post);
        }
        if (r.updatable()) {
            path.set("patch", operation("Update the rows of " + r.name() + " the filters select", null));
        }
        if (r.deletable()) {
            path.set("delete", operation("Delete the rows of " + r.name() + " the filters select", null));
        }
        return path;
    }

    private static ObjectNode functionPath(List<FunctionInfo> overloads) {
        FunctionInfo f = overloads.getFirst();
        ObjectNode path = NODES.objectNode();
        ObjectNode args = NODES.objectNode().put("type", "object");
        ObjectNode properties = args.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (ParamInfo p : f.params()) {
            properties.set(p.name(), valueSchema(p.kind(), p.sqlType()));
            if (!p.hasDefault()) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            args.set("required", required);
        }
        ObjectNode post = operation("Call " + f.schema() + "." + f.name(), null);
        post.putObject("requestBody")
                .putObject("content")
                .putObject("application/json")
                .set("schema", args);
        path.set("post", post);
        if (f.volatility() != FunctionInfo.Volatility.VOLATILE) {
            ObjectNode get = operation("Call " + f.schema() + "." + f.name(), null);
            ArrayNode params = get.putArray("parameters");
            f.params().forEach(p -> params.add(queryParam(p.name(), "argument of type " + p.sqlType())));
            path.set("get", get);
        }
        return path;
    }

    private static ObjectNode operation(String summary, ObjectNode responseSchema) {
        ObjectNode op = NODES.objectNode().put("summary", summary);
        ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
        if (responseSchema != null) {
            ok.putObject("content").putObject("application/json").set("schema", responseSchema);
        }
        return op;
    }

    private static ObjectNode queryParam(String name, String description) {
        ObjectNode p = NODES.objectNode()
                .put("name", name)
                .put("in", "query")
                .put("required", false)
                .put("description", description);
        p.putObject("schema").put("type", "string");
        return p;
    }

    private static ObjectNode arrayOf(String ref) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.putObject("items").put("$ref", ref);
        return array;
    }

    private static ObjectNode rowSchema(RelationInfo r) {
        ObjectNode row = NODES.objectNode().put("type", "object");
        ObjectNode properties = row.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (ColumnInfo c : r.columns()) {
            properties.set(c.name(), valueSchema(c.kind(), c.sqlType()));
            if (!c.nullable() && !c.hasDefault()) {
                required.add(c.name());
            }
        }
        if (!required.isEmpty()) {
            row.set("required", required);
        }
        return row;
    }

    private static ObjectNode valueSchema(ValueKind kind, String sqlType) {
        ObjectNode s = NODES.objectNode();
        switch (kind) {
            case BOOLEAN -> s.put("type", "boolean");
            case SMALLINT, INTEGER -> s.put("type", "integer").put("format", "int32");
            case BIGINT -> s.put("type", "integer").put("format", "int64");
            case NUMERIC -> s.put("type", "number");
            case UUID -> s.put("type", "string").put("format", "uuid");
            case JSON -> {}
            case TEXT -> s.put("type", "string");
            default -> {
                if (sqlType.endsWith("[]")) {
                    s.put("type", "array");
                } else {
                    s.put("type", "string");
                }
            }
        }
        return s.put("description", sqlType);
    }
}
